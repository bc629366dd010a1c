// The mock SignereID API: a node:http server on loopback whose routing, request validation and
// security checks are openapi-backend's, driven by the bundled OpenAPI description.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { type Context, OpenAPIBackend } from "openapi-backend";
import { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
import {
  defaultRecordingsDir,
  formatFor,
  loadRecordings,
  type Reply,
  SessionStore,
} from "./recordings.js";
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

/** The error-reason header. The real API's header name is not documented; this is the mock's. */
export const ERROR_REASON_HEADER = "X-Error-Reason";

/** The widest `clockSkewSeconds` the mock takes: a day. A window is a check, never a switch-off. */
export const MAX_CLOCK_SKEW_SECONDS = 86_400;

/** The boolean signing headers: validated by the mock itself, strictly, before the spec's checks. */
const BOOLEAN_HEADERS = ["API-USINGSECONDARYTOKEN", "API-RETURNERRORHEADER"] as const;

export interface MockApiOptions {
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
  /** Where the recordings are. Default @signereid/openapi's recordings/. */
  recordingsDir?: string;
  /** One line per request; `false` for silence. Default console.log. */
  log?: ((line: string) => void) | false;
}

export interface MockApi {
  url: string;
  port: number;
  /** The RequestIds the mock knows, with what each shows. */
  sessions: { requestId: string; title: string }[];
  close(): Promise<void>;
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
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
  const now = options.now ?? Date.now;
  const log = options.log === false ? () => {} : (options.log ?? console.log);
  const store = new SessionStore(loadRecordings(options.recordingsDir ?? defaultRecordingsDir()));
  const api = await createBackend(accounts, windowSeconds, now, store);

  const server = createServer(async (req, res) => {
    const started = performance.now();
    // Checked before anything else reads the target: routing and signing must see the same bytes.
    const target = readTarget(req.url ?? "", req.headers.host);
    const request: SignedRequest = {
      method: req.method ?? "GET",
      url: isProblem(target) ? "" : target.signedUrl,
      headers: req.headers,
    };
    const reply = isProblem(target)
      ? problemReply(target)
      : await handle(api, request, target).catch(
          (error: unknown): Reply => ({
            status: 500,
            headers: {},
            body: `Mock API error: ${String(error)}`,
          }),
        );
    const withReason = booleanHeader(request, "API-RETURNERRORHEADER") === true;
    // A new object: a reply may be a recording's own, which must stay as recorded.
    const headers = Object.fromEntries(
      Object.entries(reply.headers).filter(
        ([name]) => withReason || name.toLowerCase() !== ERROR_REASON_HEADER.toLowerCase(),
      ),
    );
    // Date comes from the mock's clock, so a client can see (and correct) its skew.
    res
      .writeHead(reply.status, { date: new Date(now()).toUTCString(), ...headers })
      .end(reply.body);
    // No headers, no body: nothing secret or personal goes into the log.
    // A refused target is not echoed: an absolute-form one may carry user:password@.
    const shown = isProblem(target) ? "(refused target)" : req.url;
    log(`${req.method} ${shown} ${reply.status} ${(performance.now() - started).toFixed(1)} ms`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sessions: store.catalogue(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
  return api.handleRequest(
    { method: request.method, path: target.path, query: target.query, headers },
    request,
  ) as Promise<Reply>;
}

const problemReply = ({ status, reason }: Problem): Reply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", [ERROR_REASON_HEADER]: reason },
  body: reason,
});

async function createBackend(
  accounts: MockAccount[],
  windowSeconds: number,
  now: () => number,
  store: SessionStore,
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
    methodNotAllowed: () => ({
      status: 405,
      headers: { allow: "GET" },
      body: "Method not allowed",
    }),
    getSignereIdSession: (c: Context) => {
      const account = c.security?.ApiId as MockAccount;
      if (!(account.subscriptions ?? ["SignereID"]).includes("SignereID")) {
        return problemReply({ status: 403, reason: "The account has no SignereID subscription" });
      }
      const requestId = String(c.request.params.RequestId);
      const metadata = String(c.request.query.metadata) === "true";
      const format = formatFor(header(c.request as unknown as SignedRequest, "accept"));
      return (
        store.reply(requestId, metadata, format) ??
        problemReply({ status: 404, reason: "No SignereID session with this RequestId" })
      );
    },
  });
  await api.init();
  return api;
}
