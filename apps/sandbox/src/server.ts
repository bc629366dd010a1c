// The SignereID sandbox: a node:http server on loopback whose routing, request validation and
// security checks are openapi-backend's, driven by the bundled OpenAPI description. Sessions it
// creates live in a bounded store and are completed on its own login page (/login/<RequestId>);
// the recordings' fixed sessions answer as recorded.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { loadRecordings } from "@signereid/openapi";
import { type Context, OpenAPIBackend } from "openapi-backend";
import { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
import { callLines } from "./banner.js";
import { type CompleteInput, completeSession, sessionBody } from "./flow.js";
import { loginPage, methodNotAllowed, type Page, submitLogin } from "./login-page.js";
import { formatFor, RecordingStore, type Reply, type Routed } from "./recordings.js";
import { type CreateRequest, SessionStore, WORST_CASE_SESSION_BYTES } from "./sessions.js";
import {
  booleanHeader,
  checkApiId,
  checkTimestamp,
  checkToken,
  header,
  isProblem,
  type Problem,
  type SignedRequest,
} from "./signature.js";
import { readTarget, type Target } from "./target.js";
import { toDataContractXml } from "./xml.js";

/** The error-reason header. The real API's header name is not documented; this is the mock's. */
export const ERROR_REASON_HEADER = "X-Error-Reason";

/** The widest `clockSkewSeconds` the mock takes: a day. A window is a check, never a switch-off. */
export const MAX_CLOCK_SKEW_SECONDS = 86_400;

/** The largest request body the mock reads (POST and PUT are signed over it): 64 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The longest a session may live. */
export const MAX_SESSION_TTL_SECONDS = 86_400;
/** The memory the sessions may take at worst (a SANDBOX CHOICE): 1 GiB. */
export const SESSION_MEMORY_BUDGET_BYTES = 2 ** 30;
/** The most sessions the sandbox may hold: 50 000 × 20 KiB (the worst case) is under 1 GiB. */
export const MAX_SESSIONS = 50_000;

/** The boolean signing headers: validated by the mock itself, strictly, before the spec's checks. */
const BOOLEAN_HEADERS = ["API-USINGSECONDARYTOKEN", "API-RETURNERRORHEADER"] as const;

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accounts that may call; default the demo account. */
  credentials?: MockAccount | MockAccount[];
  /**
   * How far API-TIMESTAMP may be from the mock's clock, in seconds: finite, 0 to
   * MAX_CLOCK_SKEW_SECONDS. Default 300 (the mock's choice; the real window is not documented).
   */
  clockSkewSeconds?: number;
  /** The mock's clock. Default Date.now. */
  now?: () => number;
  /** Where the recordings are. Default @signereid/openapi's (its loader's recordingsDir). */
  recordingsDir?: string;
  /** One line per request; `false` for silence. Default console.log. */
  log?: ((line: string) => void) | false;
  /** How long a session lives after its create, 1 to MAX_SESSION_TTL_SECONDS. Default 600. */
  sessionTtlSeconds?: number;
  /** The most sessions held; beyond it the oldest is evicted. 1 to MAX_SESSIONS, default 10 000. */
  maxSessions?: number;
  /** The origin written into login URLs (behind a proxy, say). Default the sandbox's own URL. */
  publicUrl?: string;
}

export interface Sandbox {
  url: string;
  port: number;
  /**
   * Completes a created session in process, as the login form would (for unit tests). Resolves
   * with the return URL the browser would be sent to; throws when the session is unknown, already
   * completed, or the input is wrong.
   */
  completeSession(requestId: string, input: CompleteInput): string;
  /** The RequestIds the mock knows, with what each shows. */
  sessions: { requestId: string; title: string }[];
  /** How to call each operation with the client, one short line each (see banner.ts). */
  calls: string[];
  close(): Promise<void>;
}

/** @deprecated the mock is now the sandbox: use SandboxOptions. */
export type MockApiOptions = SandboxOptions;
/** @deprecated the mock is now the sandbox: use Sandbox. */
export type MockApi = Sandbox;

/** Why maxSessions stops where it does, for its error messages. */
export const MAX_SESSIONS_WHY = `(at worst ${WORST_CASE_SESSION_BYTES / 1024} KiB a session, ${MAX_SESSIONS} sessions fit the sandbox's 1 GiB budget)`;
const MEMORY = ` ${MAX_SESSIONS_WHY}`;

/** A whole number from min to max, or a RangeError naming the option. */
function wholeOption(name: string, value: number, min: number, max: number, why = ""): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}${why}`);
  return value;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const accounts = [options.credentials ?? DEMO_ACCOUNT].flat();
  const windowSeconds = options.clockSkewSeconds ?? 300;
  if (
    typeof windowSeconds !== "number" ||
    !Number.isFinite(windowSeconds) ||
    windowSeconds < 0 ||
    windowSeconds > MAX_CLOCK_SKEW_SECONDS
  ) {
    throw new RangeError(
      `clockSkewSeconds must be a number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}`,
    );
  }
  const ttl = wholeOption(
    "sessionTtlSeconds",
    options.sessionTtlSeconds ?? 600,
    1,
    MAX_SESSION_TTL_SECONDS,
  );
  const cap = wholeOption("maxSessions", options.maxSessions ?? 10_000, 1, MAX_SESSIONS, MEMORY);
  const publicUrl = options.publicUrl === undefined ? undefined : originOf(options.publicUrl);
  const now = options.now ?? Date.now;
  const log = options.log === false ? () => {} : (options.log ?? console.log);
  const store = new RecordingStore(loadRecordings(options.recordingsDir));
  const sessions = new SessionStore(ttl * 1000, cap, now);
  const origin = { url: "" };
  const api = await createBackend(accounts, windowSeconds, now, store, sessions, origin);
  for (const operationId of store.operations()) {
    if (!api.getOperation(operationId))
      throw new Error(
        `recordings name the operation ${operationId}, which the spec does not define: fix their operationId`,
      );
  }

  const server = createServer(async (req, res) => {
    const started = performance.now();
    // No target, query or id, no headers, no body: the route is the operation's path template.
    let route = "(refused target)";
    let status = 500;
    // Every request's work in one try: an exception answers a plain 500 and the server serves on.
    try {
      // Checked before anything else reads the target: routing and signing must see the same bytes.
      const target = readTarget(req.url ?? "", req.headers.host);
      const body = isProblem(target) ? undefined : await readBody(req);
      const request: SignedRequest = {
        method: req.method ?? "GET",
        url: isProblem(target) ? "" : target.signedUrl,
        headers: req.headers,
        ...(body instanceof Uint8Array ? { body } : {}),
      };
      const login = isProblem(target) ? undefined : LOGIN_PATH.exec(target.path)?.[1];
      if (!isProblem(target))
        route = login !== undefined ? "/login/{RequestId}" : routeOf(api, request.method, target);
      const reply = isProblem(target)
        ? problemReply(target)
        : isProblem(body)
          ? problemReply(body)
          : login !== undefined
            ? loginRoute(sessions, login, req, body)
            : await handle(api, request, target);
      const withReason = booleanHeader(request, "API-RETURNERRORHEADER") === true;
      // A new object: a reply may be a recording's own, which must stay as recorded.
      const headers = Object.fromEntries(
        Object.entries(reply.headers).filter(
          ([name]) => withReason || name.toLowerCase() !== ERROR_REASON_HEADER.toLowerCase(),
        ),
      );
      // Date comes from the mock's clock, so a client can see (and correct) its skew.
      status = send(
        res,
        reply.status,
        { date: new Date(now()).toUTCString(), ...headers },
        reply.body,
      );
    } catch {
      // Neither the error nor the request is echoed: either may hold what the client sent.
      if (res.headersSent) res.destroy();
      else
        res
          .writeHead(500, { "content-type": "text/plain; charset=utf-8" })
          .end("Internal sandbox error");
    }
    log(`${req.method} ${route} ${status} ${(performance.now() - started).toFixed(1)} ms`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin.url = publicUrl ?? `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    completeSession: (requestId, input) => {
      const result = completeSession(sessions, requestId, input);
      if (typeof result !== "string") throw new Error(result.reason);
      return result;
    },
    sessions: catalogue(api, store),
    calls: callLines(recordedLogin(api, store)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** @deprecated the mock is now the sandbox: use startSandbox. */
export const startMockApi = startSandbox;

/** The path template of the operation a target routes to, for the log; never the target itself. */
function routeOf(api: OpenAPIBackend, method: string, target: Target): string {
  const operation = api.router.matchOperation({ method, path: target.path, headers: {} });
  return operation?.path ?? "(no route)";
}

/** A login page's path; the RequestId is the spec's alphabet, within its limit. */
const LOGIN_PATH = /^\/login\/([A-Za-z0-9_-]{1,512})$/;

function loginRoute(
  sessions: SessionStore,
  requestId: string,
  req: IncomingMessage,
  body: Uint8Array | undefined,
): Page {
  if (req.method === "GET" || req.method === "HEAD") return loginPage(sessions, requestId);
  if (req.method !== "POST") return methodNotAllowed();
  // The browser's environment, as the real service reports it (UserAgent, IPAddress); never logged.
  const userAgent = req.headers["user-agent"]?.slice(0, 512);
  return submitLogin(sessions, requestId, req.headers["content-type"], body ?? new Uint8Array(), {
    ...(userAgent ? { userAgent } : {}),
    ipAddress: req.socket.remoteAddress ?? "",
  });
}

/** The origin of publicUrl (scheme, host, port), or a RangeError. */
function originOf(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol))
    throw new RangeError("publicUrl must be an http or https URL, e.g. http://localhost:4010");
  return parsed.origin;
}

/** The recorded session a whole login follows (its invalidate succeeds), for the banner's lines. */
function recordedLogin(api: OpenAPIBackend, store: RecordingStore): string {
  const invalidated = store.of("invalidateSignereIdSession").find((r) => r.response.status === 200);
  const requestId = (invalidated?.request.body as { RequestId?: unknown } | null)?.RequestId;
  if (typeof requestId === "string") return requestId;
  return catalogue(api, store)[0]?.requestId ?? "<RequestId>";
}

/** Each RequestId of the session recordings (read by the spec's route), with what it shows. */
function catalogue(api: OpenAPIBackend, store: RecordingStore) {
  const operation = api.getOperation("getSignereIdSession");
  const titles = new Map<string, string[]>();
  for (const { request, title } of store.of("getSignereIdSession")) {
    const { params } = api.router.parseRequest({ ...request, headers: {} }, operation);
    const requestId = String(params.RequestId);
    titles.set(requestId, [...(titles.get(requestId) ?? []), title]);
  }
  return [...titles].map(([requestId, shown]) => ({ requestId, title: shown.join("; ") }));
}

/**
 * Writes the reply. A reply node:http refuses to write (a header value outside Latin-1, for
 * instance, makes writeHead throw) becomes a plain 500 instead of an exception that would end
 * the process. Returns the status sent.
 */
function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): number {
  try {
    res.writeHead(status, headers).end(body);
    return status;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = `The mock could not write its reply (${typeof code === "string" ? code : "error"}): a recorded header is not valid HTTP`;
    // writeHead throws before anything is sent, so a clean 500 can still go out.
    if (res.headersSent) res.end();
    else
      res
        .writeHead(500, {
          "content-type": "text/plain; charset=utf-8",
          [ERROR_REASON_HEADER]: reason,
        })
        .end(reason);
    return 500;
  }
}

/** The body of a POST or PUT (empty for other methods), or a 413 beyond MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Uint8Array | Problem | undefined> {
  if (req.method !== "POST" && req.method !== "PUT") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      return { status: 413, reason: `The request body is larger than ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Routes on the target exactly as signed; openapi-backend does the rest. */
async function handle(api: OpenAPIBackend, request: SignedRequest, target: Target): Promise<Reply> {
  const headers = { ...request.headers } as Record<string, string>;
  for (const name of BOOLEAN_HEADERS) {
    const value = booleanHeader(request, name);
    if (isProblem(value)) return problemReply(value);
    // The spec's validator only knows lowercase booleans; the mock accepts any case (see booleanHeader).
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  const body = request.body && Buffer.from(request.body).toString("utf8");
  if (request.body) {
    // The spec's only request media type is JSON; the validator reads a body as JSON only when
    // the type is exactly application/json, so a charset parameter is set aside for it.
    const type = (header(request, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json")
      return problemReply({
        status: 415,
        reason: "Content-Type must be application/json (the body is JSON, signed over its bytes)",
      });
    headers["content-type"] = type;
  }
  return api.handleRequest(
    { method: request.method, path: target.path, query: target.query, headers, body },
    request,
  ) as Promise<Reply>;
}

const json = (body: unknown): Reply => ({
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify(body),
});

const problemReply = ({ status, reason }: Problem): Reply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", [ERROR_REASON_HEADER]: reason },
  body: reason,
});

/** The methods the spec routes a path to, under any template it falls under, for a 405's Allow. */
function allowedMethods(definition: { paths: Record<string, object> }, path: string): string {
  const methods = new Set<string>();
  for (const [template, item] of Object.entries(definition.paths)) {
    if (!new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path)) continue;
    for (const key of Object.keys(item))
      if (["get", "put", "post", "delete"].includes(key)) methods.add(key.toUpperCase());
  }
  return [...methods].sort().join(", ");
}

/** The routed request, as the store files and matches recordings. */
function routed(c: Context): Routed {
  const query = Object.fromEntries(
    Object.entries(c.request.query ?? {}).map(([name, value]) => [name, String(value)]),
  );
  return {
    operationId: c.operation.operationId ?? "",
    path: c.request.path,
    query,
    format: formatFor(header(c.request as unknown as SignedRequest, "accept")),
    body: c.request.requestBody,
  };
}

async function createBackend(
  accounts: MockAccount[],
  windowSeconds: number,
  now: () => number,
  store: RecordingStore,
  sessions: SessionStore,
  origin: { url: string },
) {
  const require = createRequire(import.meta.url);
  const definition = JSON.parse(
    readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"),
  );
  // quick: openapi-backend validates definitions against OpenAPI 3.0 only; this one is 3.1.
  const api = new OpenAPIBackend({ definition, quick: true, validate: true });

  // A security handler that throws marks its scheme as failed; unauthorizedHandler reports the
  // first failure in the order a server would check them.
  const fail = (problem: Problem) => {
    throw problem;
  };
  api.registerSecurityHandler("ApiId", (_c: Context, request: SignedRequest) => {
    const account = checkApiId(request, accounts);
    return isProblem(account) ? fail(account) : account;
  });
  api.registerSecurityHandler("ApiTimestamp", (_c: Context, request: SignedRequest) => {
    const result = checkTimestamp(request, now(), windowSeconds);
    return isProblem(result) ? fail(result) : result;
  });
  api.registerSecurityHandler("ApiToken", (_c: Context, request: SignedRequest) => {
    const account = checkApiId(request, accounts);
    if (isProblem(account)) return fail(account);
    const result = checkToken(request, account);
    return isProblem(result) ? fail(result) : result;
  });

  // Every signed operation belongs to the SignereID subscription.
  const unsubscribed = (c: Context): Reply | undefined => {
    const account = c.security?.ApiId as MockAccount | undefined;
    if (account && !(account.subscriptions ?? ["SignereID"]).includes("SignereID"))
      return problemReply({ status: 403, reason: "The account has no SignereID subscription" });
    return undefined;
  };

  // The account a signed request was verified for (the ApiId scheme ran before any handler).
  const owner = (c: Context) => (c.security?.ApiId as MockAccount | undefined)?.apiId ?? "";

  api.register({
    unauthorizedHandler: (c: Context) => {
      for (const scheme of ["ApiId", "ApiTimestamp", "ApiToken"]) {
        const error = (c.security?.[scheme] as { error?: unknown } | undefined)?.error;
        if (isProblem(error)) return problemReply(error);
      }
      return problemReply({ status: 401, reason: "Not authorized" });
    },
    validationFail: (c: Context) => {
      const [first] = c.validation.errors ?? [];
      const where = first?.instancePath.replace(/^\//, "").replace(/\//g, ".") || "request";
      return problemReply({ status: 400, reason: `${where} ${first?.message ?? "is invalid"}` });
    },
    notFound: () => ({
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "Not found",
    }),
    methodNotAllowed: (c: Context) => ({
      status: 405,
      headers: { allow: allowedMethods(definition, c.request.path) },
      body: "Method not allowed",
    }),
    // Every create starts a fresh session on this sandbox's own login page, whatever its body: a
    // recorded create answer would send the browser to the vendor's host, off this machine.
    createSignereIdSession: (c: Context) => {
      const refused = unsubscribed(c);
      if (refused) return refused;
      const body = c.request.requestBody as CreateRequest;
      const tooLong = SessionStore.refuse(body);
      if (tooLong) return problemReply(tooLong);
      const session = sessions.create(body, owner(c));
      return json({
        Url: `${origin.url}/login/${session.requestId}`,
        RequestId: session.requestId,
        Started: new Date(session.createdAt).toISOString().slice(0, 19),
        Status: "UNKNOWN",
      });
    },
    getSignereIdSessionCompleted: (c: Context) => {
      const refused = unsubscribed(c);
      if (refused) return refused;
      const session = sessions.owned(String(c.request.params.RequestId), owner(c));
      if (session) return json(session.completion !== undefined);
      return (
        store.reply(routed(c)) ??
        problemReply({ status: 404, reason: "No SignereID session with this RequestId" })
      );
    },
    getSignereIdSession: (c: Context) => {
      const refused = unsubscribed(c);
      if (refused) return refused;
      const session = sessions.owned(String(c.request.params.RequestId), owner(c));
      if (session) {
        const body = sessionBody(session, c.request.query?.metadata === "true");
        return routed(c).format === "xml"
          ? {
              status: 200,
              headers: { "content-type": "application/xml; charset=utf-8" },
              body: toDataContractXml(body),
            }
          : json(body);
      }
      return (
        store.reply(routed(c)) ??
        problemReply({ status: 404, reason: "No SignereID session with this RequestId" })
      );
    },
    invalidateSignereIdSession: (c: Context) => {
      const refused = unsubscribed(c);
      if (refused) return refused;
      const { RequestId } = c.request.requestBody as { RequestId: string };
      if (sessions.invalidate(RequestId, owner(c))) return { status: 200, headers: {}, body: "" };
      return (
        store.reply(routed(c)) ??
        problemReply({ status: 404, reason: "No SignereID session with this RequestId" })
      );
    },
    // Unsigned: the recorded answer, with the mock's own clock as its body, so that a client that
    // synchronises from it signs with a timestamp the mock accepts.
    getServerTime: (c: Context) => {
      const reply = store.reply(routed(c));
      if (!reply) return problemReply({ status: 404, reason: "No recording answers this request" });
      if (reply.status !== 200) return reply;
      return { ...reply, body: JSON.stringify(new Date(now()).toISOString().slice(0, 19)) };
    },
    // Every other operation of the spec: the recordings of the session it names.
    notImplemented: (c: Context) =>
      unsubscribed(c) ??
      store.reply(routed(c)) ??
      problemReply({
        status: 404,
        reason: c.request.requestBody?.RequestId
          ? "No SignereID session with this RequestId"
          : "No recording answers this request",
      }),
  });
  await api.init();
  return api;
}
