// The SignereID sandbox: a node:http server on loopback. It reads each request once (the target
// exactly as sent, the body within its limit), hands the login page its own routes and everything
// else to the API (api.ts), writes the reply and logs one line by route. Sessions it creates live
// in a bounded store and are completed on its login page (/login/<RequestId>); the recordings'
// fixed sessions answer as recorded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadRecordings } from "@signereid/openapi";
import { DEMO_ACCOUNT, type SandboxAccount } from "./accounts.js";
import { createApi } from "./api.js";
import { callLines, catalogue, recordedLogin } from "./banner.js";
import { type CompleteInput, completeSession } from "./flow.js";
import { loginPage, methodNotAllowed, type Page, submitLogin } from "./login-page.js";
import { RecordingStore } from "./recordings.js";
import { ERROR_REASON_HEADER, problemReply, type Reply } from "./replies.js";
import { SessionStore, WORST_CASE_SESSION_BYTES } from "./sessions.js";
import { booleanHeader, isProblem, type Problem, type SignedRequest } from "./signature.js";
import { readTarget, type Target } from "./target.js";

/** The widest `clockSkewSeconds` the sandbox takes: a day. A window is a check, never a switch-off. */
export const MAX_CLOCK_SKEW_SECONDS = 86_400;

/** The largest request body the sandbox reads (POST and PUT are signed over it): 64 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The longest a session may live. */
export const MAX_SESSION_TTL_SECONDS = 86_400;
/** The memory the sessions may take at worst (a SANDBOX CHOICE): 1 GiB. */
export const SESSION_MEMORY_BUDGET_BYTES = 2 ** 30;
/** The most sessions the sandbox may hold: 50 000 × 20 KiB (the worst case) is under 1 GiB. */
export const MAX_SESSIONS = 50_000;

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accounts that may call; default the demo account. */
  credentials?: SandboxAccount | SandboxAccount[];
  /**
   * How far API-TIMESTAMP may be from the sandbox's clock, in seconds: finite, 0 to
   * MAX_CLOCK_SKEW_SECONDS. Default 300 (the sandbox's choice; the real window is not documented).
   */
  clockSkewSeconds?: number;
  /** The sandbox's clock. Default Date.now. */
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
  /** The RequestIds the sandbox knows, with what each shows. */
  sessions: { requestId: string; title: string }[];
  /** How to call each operation with the client, one short line each (see banner.ts). */
  calls: string[];
  close(): Promise<void>;
}

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
  const log = options.log === false ? undefined : (options.log ?? console.log);
  const store = new RecordingStore(loadRecordings(options.recordingsDir));
  const sessions = new SessionStore(ttl * 1000, cap, now);
  const origin = { url: "" };
  const api = await createApi({ accounts, windowSeconds, now, store, sessions, origin });
  const calls = callLines(recordedLogin(api.backend, store));
  for (const operationId of store.operations()) {
    if (!api.backend.getOperation(operationId))
      throw new Error(
        `recordings name the operation ${operationId}, which the spec does not define: fix their operationId`,
      );
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    // Checked before anything else reads the target: routing and signing must see the same bytes.
    const target = readTarget(req.url ?? "", req.headers.host);
    // Only POST and PUT have a body to wait for; every other request is answered in this tick.
    if (!isProblem(target) && (req.method === "POST" || req.method === "PUT"))
      readBody(req).then(
        (body) => respond(req, res, started, target, body),
        () => respond(req, res, started, target, INTERNAL),
      );
    else respond(req, res, started, target, undefined);
  });

  /** Answers one request, and logs it. */
  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    target: Target | Problem,
    body: Uint8Array | Problem | typeof INTERNAL | undefined,
  ): void {
    // No target, query or id, no headers, no body: the route is the operation's path template.
    let route = "(refused target)";
    let status = 500;
    // Every request's work in one try: an exception answers a plain 500 and the server serves on.
    try {
      if (body === INTERNAL) throw new Error("the body could not be read");
      const request: SignedRequest = {
        method: req.method ?? "GET",
        url: isProblem(target) ? "" : target.signedUrl,
        headers: req.headers,
        ...(body instanceof Uint8Array ? { body } : {}),
      };
      const login = isProblem(target) ? undefined : LOGIN_PATH.exec(target.path)?.[1];
      // Someone who opens the sandbox's address in a browser gets told where things are.
      const home = !isProblem(target) && target.path === "/" && request.method === "GET";
      const routed =
        isProblem(target) || home || login !== undefined
          ? undefined
          : api.match(request.method, target.path);
      if (!isProblem(target))
        route = home
          ? "/"
          : login !== undefined
            ? "/login/{RequestId}"
            : routed?.status === 200
              ? routed.route.path
              : "(no route)";
      const reply = isProblem(target)
        ? problemReply(target)
        : isProblem(body)
          ? problemReply(body)
          : home
            ? homeReply(calls)
            : login !== undefined
              ? loginRoute(sessions, login, req, body)
              : api.handle(request, target, routed as NonNullable<typeof routed>);
      const withReason = booleanHeader(request, "API-RETURNERRORHEADER") === true;
      // A new object: a reply may be a recording's own, which must stay as recorded. Framing is
      // this server's (send() sets Content-Length), never a recording's.
      // Date comes from the sandbox's clock, so a client can see (and correct) its skew.
      const headers: Record<string, string> = { date: new Date(now()).toUTCString() };
      for (const name in reply.headers) {
        const lower = name.toLowerCase();
        if (!FRAMING.has(lower) && (withReason || lower !== ERROR_REASON_LOWER))
          headers[name] = reply.headers[name] as string;
      }
      status = send(res, reply.status, headers, reply.body);
    } catch {
      // Neither the error nor the request is echoed: either may hold what the client sent.
      if (res.headersSent) res.destroy();
      else res.writeHead(500, INTERNAL_ERROR.headers).end(INTERNAL_ERROR.body);
    }
    // Formatted only when someone reads it.
    if (log) log(`${req.method} ${route} ${status} ${(performance.now() - started).toFixed(1)} ms`);
  }
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
    sessions: catalogue(api.backend, store),
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A body that could not be read (the stream failed): a plain 500, as any other exception. */
const INTERNAL = Symbol("internal");

/** Headers that frame a reply on the wire: set by send(), dropped from any reply's own. */
const FRAMING = new Set(["content-length", "transfer-encoding"]);
const ERROR_REASON_LOWER = ERROR_REASON_HEADER.toLowerCase();

/** The plain 500, serialised once. */
const INTERNAL_ERROR_BODY = "Internal sandbox error";
const INTERNAL_ERROR = {
  body: INTERNAL_ERROR_BODY,
  headers: {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(INTERNAL_ERROR_BODY),
  },
};

/** What `GET /` answers: what this server is, and how to call it. */
function homeReply(calls: string[]): Reply {
  const text = [
    "SignereID sandbox (@signereid/sandbox): a local stand-in for the legacy SignereID API, not the vendor's.",
    "",
    "Its API is the five calls of the description, signed as the real API's were:",
    "  GET  /api/Status/ServerTime (unsigned)",
    "  POST /api/SignereId",
    "  GET  /api/SignereId/Completed/{RequestId}",
    "  GET  /api/SignereId/{RequestId}?metadata=true|false",
    "  PUT  /api/SignereId/Invalidate",
    "A session's login page is /login/{RequestId} (the Url a create answers).",
    "",
    "With @signereid/client, a login in order:",
    ...calls.map((line) => `  ${line}`),
    "",
  ].join("\n");
  return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: text };
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

/**
 * Writes the reply with its Content-Length: writeHead() before end() would otherwise frame the
 * body as chunked, which costs a client a second parse and the server a second write. A reply node:http refuses to write (a header value outside Latin-1, for
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
    // Node joins a string body to the head and writes both as UTF-8 in one write; bytes go out
    // as a second chunk (a writev). So a string when every header value is ASCII (the same in
    // UTF-8 and Latin-1), bytes when one is not (an X-Error-Reason with ± must be Latin-1).
    let ascii = true;
    for (const name in headers) if (NON_ASCII.test(headers[name] as string)) ascii = false;
    const payload = ascii ? body : Buffer.from(body, "utf8");
    res
      .writeHead(status, { ...headers, "content-length": Buffer.byteLength(payload) })
      .end(payload);
    return status;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = `The sandbox could not write its reply (${typeof code === "string" ? code : "error"}): a recorded header is not valid HTTP`;
    // writeHead throws before anything is sent, so a clean 500 can still go out.
    if (res.headersSent) res.end();
    else
      res
        .writeHead(500, {
          "content-type": "text/plain; charset=utf-8",
          "content-length": Buffer.byteLength(reason),
          [ERROR_REASON_HEADER]: reason,
        })
        .end(Buffer.from(reason));
    return 500;
  }
}

/** A character outside ASCII (any UTF-16 code unit above 0x7f). */
const NON_ASCII = /[\u0080-\uffff]/;

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
