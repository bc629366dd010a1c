// The API side: openapi-backend, driven by the bundled OpenAPI description, routes and validates
// each request and runs the security checks (account, subscription, timestamp, signature) before
// any operation's handler (operations.ts) sees it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { operationsOf, templateRegex } from "@signereid/openapi";
import { type Context, OpenAPIBackend } from "openapi-backend";
import type { SandboxAccount } from "./accounts.js";
import { type OperationDeps, operationHandlers } from "./operations.js";
import { problemReply, type Reply } from "./replies.js";
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
import type { Target } from "./target.js";

/** The boolean signing headers: validated by the sandbox itself, strictly, before the spec's checks. */
const BOOLEAN_HEADERS = ["API-USINGSECONDARYTOKEN", "API-RETURNERRORHEADER"] as const;

/** The security schemes, in the order a server checks them. */
const SCHEMES = ["ApiId", "ApiTimestamp", "ApiToken"] as const;

export interface ApiOptions extends OperationDeps {
  accounts: SandboxAccount[];
  windowSeconds: number;
}

export async function createApi({ accounts, windowSeconds, ...deps }: ApiOptions) {
  const require = createRequire(import.meta.url);
  const definition = JSON.parse(
    readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"),
  );
  // quick: openapi-backend validates definitions against OpenAPI 3.0 only; this one is 3.1.
  const api = new OpenAPIBackend({ definition, quick: true, validate: true });

  // A security handler that throws marks its scheme as failed; unauthorizedHandler reports it.
  const fail = (problem: Problem) => {
    throw problem;
  };
  api.registerSecurityHandler("ApiId", (_c: Context, request: SignedRequest) => {
    const account = checkApiId(request, accounts);
    if (isProblem(account)) return fail(account);
    // Every signed operation belongs to the SignereID subscription.
    if (!(account.subscriptions ?? ["SignereID"]).includes("SignereID"))
      return fail({ status: 403, reason: "The account has no SignereID subscription" });
    return account;
  });
  api.registerSecurityHandler("ApiTimestamp", (_c: Context, request: SignedRequest) => {
    const result = checkTimestamp(request, deps.now(), windowSeconds);
    return isProblem(result) ? fail(result) : result;
  });
  api.registerSecurityHandler("ApiToken", (_c: Context, request: SignedRequest) => {
    const account = checkApiId(request, accounts);
    if (isProblem(account)) return fail(account);
    const result = checkToken(request, account);
    return isProblem(result) ? fail(result) : result;
  });

  api.register({
    // The first failure in the order of SCHEMES, authentication before authorisation: a missing
    // subscription (403) is told only to a caller whose request is otherwise correctly signed.
    unauthorizedHandler: (c: Context) => {
      const problems = SCHEMES.map(
        (scheme) => (c.security?.[scheme] as { error?: unknown } | undefined)?.error,
      ).filter(isProblem);
      const first = problems.find((p) => p.status !== 403) ?? problems[0];
      return problemReply(first ?? { status: 401, reason: "Not authorized" });
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
    ...operationHandlers(deps),
  });
  await api.init();
  return api;
}

/** Routes on the target exactly as signed; openapi-backend does the rest. */
export async function handle(
  api: OpenAPIBackend,
  request: SignedRequest,
  target: Target,
): Promise<Reply> {
  const headers = { ...request.headers } as Record<string, string>;
  for (const name of BOOLEAN_HEADERS) {
    const value = booleanHeader(request, name);
    if (isProblem(value)) return problemReply(value);
    // The spec's validator only knows lowercase booleans; the sandbox accepts any case (see booleanHeader).
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

/** The path template of the operation a target routes to, for the log; never the target itself. */
export function routeOf(api: OpenAPIBackend, method: string, target: Target): string {
  const operation = api.router.matchOperation({ method, path: target.path, headers: {} });
  return operation?.path ?? "(no route)";
}

/** The methods the spec routes a path to, under any template it falls under, for a 405's Allow. */
function allowedMethods(definition: { paths: Record<string, object> }, path: string): string {
  const methods = operationsOf(definition)
    .filter((operation) => templateRegex(operation.path).test(path))
    .map((operation) => operation.method.toUpperCase());
  return [...new Set(methods)].sort().join(", ");
}
