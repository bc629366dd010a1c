// The API side, driven by the bundled OpenAPI description: route, validate, run the security
// checks (account, subscription, timestamp, signature), then the operation's handler
// (operations.ts). openapi-backend reads the description once at start (dereferenced, its
// request validators compiled with ajv, whose messages are the 400s' reasons); each request is
// then handled here, in one synchronous pass with openapi-backend's order and rules: its own
// per-request path parsed the request three times and ran the checks through promise chains.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { operationsOf, templateRegex } from "@signereid/openapi";
import { OpenAPIBackend, type Operation } from "openapi-backend";
import { parse as parseQuery } from "qs";
import type { SandboxAccount } from "./accounts.js";
import { type Call, type Handler, type OperationDeps, operationHandlers } from "./operations.js";
import { problemReply, type Reply } from "./replies.js";
import { type Route, RouteTable } from "./routes.js";
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
type Scheme = (typeof SCHEMES)[number];

export interface ApiOptions extends OperationDeps {
  accounts: SandboxAccount[];
  windowSeconds: number;
}

/** What the sandbox keeps of an operation: computed once, used by every request routed to it. */
interface Prepared {
  handler: Handler;
  /** Its security requirements: any one of them, each with all its schemes, authorises. */
  requirements: Scheme[][];
  /** Its schemes, each run once per request. */
  schemes: Scheme[];
  /** Its compiled validators (body first, then parameters), as openapi-backend runs them. */
  validators: ReturnType<OpenAPIBackend["validator"]["getRequestValidatorsForOperation"]>;
  /** A body that is not JSON is a validation error only when JSON is its one media type. */
  jsonOnly: boolean;
}

export type Api = Awaited<ReturnType<typeof createApi>>;

export async function createApi({ accounts, windowSeconds, ...deps }: ApiOptions) {
  const require = createRequire(import.meta.url);
  const definition = JSON.parse(
    readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"),
  );
  // quick: openapi-backend validates definitions against OpenAPI 3.0 only; this one is 3.1.
  const backend = new OpenAPIBackend({ definition, quick: true, validate: true });
  await backend.init();

  const checks: Record<Scheme, (request: SignedRequest) => unknown> = {
    ApiId: (request) => {
      const account = checkApiId(request, accounts);
      if (isProblem(account)) return account;
      // Every signed operation belongs to the SignereID subscription.
      if (!(account.subscriptions ?? ["SignereID"]).includes("SignereID"))
        return { status: 403, reason: "The account has no SignereID subscription" };
      return account;
    },
    ApiTimestamp: (request) => checkTimestamp(request, deps.now(), windowSeconds),
    ApiToken: (request) => {
      const account = checkApiId(request, accounts);
      return isProblem(account) ? account : checkToken(request, account);
    },
  };

  const handlers = operationHandlers(deps);
  const operations = backend.router.getOperations();
  const routes = new RouteTable(operations);
  const prepared = new Map<string, Prepared>(
    operations.map((operation) => [
      operation.operationId ?? "",
      prepare(operation, handlers, backend),
    ]),
  );

  /** Routes a request: the operation its method and path name, or why none does. */
  const match = (method: string, path: string) => routes.match(method, path);

  /** Answers a routed request: the whole API side after the target is read. */
  function handle(request: SignedRequest, target: Target, routed: ReturnType<typeof match>): Reply {
    const headers = { ...request.headers };
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
    if (routed.status === 404) return NOT_FOUND;
    if (routed.status === 405)
      return {
        status: 405,
        headers: { allow: allowedMethods(definition, target.path) },
        body: "Method not allowed",
      };
    const { route, params } = routed;
    const operation = prepared.get(route.operationId) as Prepared;

    // Every scheme runs; the first failure in the order of SCHEMES answers, authentication
    // before authorisation: a missing subscription (403) is told only to a caller whose request
    // is otherwise correctly signed.
    const results = new Map(operation.schemes.map((scheme) => [scheme, checks[scheme](request)]));
    const authorized =
      operation.requirements.length === 0 ||
      operation.requirements.some((schemes) =>
        schemes.every((scheme) => {
          const result = results.get(scheme);
          return Boolean(result) && !isProblem(result);
        }),
      );
    if (!authorized) {
      const problems = SCHEMES.map((scheme) => results.get(scheme)).filter(isProblem);
      const first = problems.find((p) => p.status !== 403) ?? problems[0];
      return problemReply(first ?? { status: 401, reason: "Not authorized" });
    }

    // Parsed once: the handler reads these; the validator gets copies, since ajv coerces in place.
    const query = parseQuery(target.query) as Call["query"];
    let requestBody: unknown = body;
    let parseError: string | undefined;
    if (body !== undefined) {
      // openapi-backend's rules: an empty body stays "" and is a parse error, as any non-JSON is.
      try {
        requestBody = JSON.parse(body);
      } catch (error) {
        // V8's message quotes the body, which the reason (a header too) must not: it may hold
        // anything, even characters no header can carry. Only the position is kept.
        const at = /at position \d+/.exec((error as Error).message)?.[0];
        parseError = `body is not valid JSON${at ? ` (${at})` : ""}`;
      }
    }
    const invalid = validate(
      operation,
      {
        path: { ...params },
        query: { ...query },
        header: { ...headers },
        // No operation has cookie parameters (checked in prepare), and ajv accepts any object here.
        cookie: {},
        ...(typeof requestBody === "object" || headers["content-type"] === "application/json"
          ? { requestBody }
          : {}),
      },
      body !== undefined && operation.jsonOnly ? parseError : undefined,
    );
    if (invalid) return problemReply(invalid);

    const account = results.get("ApiId");
    return operation.handler({
      operationId: route.operationId,
      path: target.path,
      params,
      query,
      headers,
      body: requestBody,
      ...(account && !isProblem(account) ? { account: account as SandboxAccount } : {}),
    });
  }

  return { backend, match, handle };
}

/** The reply to a path no operation has. */
const NOT_FOUND: Reply = {
  status: 404,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body: "Not found",
};

/**
 * What a request needs of its operation, computed at start. The request parsing above covers the
 * parts of OpenAPI this description uses; an operation beyond them stops the sandbox at start
 * rather than be checked differently from how openapi-backend would.
 */
export function prepare(
  operation: Operation,
  handlers: Record<string, Handler>,
  backend: OpenAPIBackend,
): Prepared {
  const id = operation.operationId ?? "";
  const handler = handlers[id];
  if (!handler) throw new Error(`the sandbox has no handler for the operation ${id}`);
  for (const parameter of operation.parameters ?? []) {
    if ("$ref" in parameter) throw new Error(`${id}: a parameter is still a $ref`);
    const schema = parameter.schema as { type?: unknown } | undefined;
    if (
      parameter.in === "cookie" ||
      (parameter.in === "query" &&
        (parameter.content || parameter.explode === false || schema?.type === "array"))
    )
      throw new Error(
        `${id}: the sandbox does not parse the parameter ${parameter.name} (a cookie, or a query parameter as JSON, array or not exploded)`,
      );
  }
  const requirements = (operation.security ?? []).map((requirement) => {
    const schemes = Object.keys(requirement);
    for (const scheme of schemes)
      if (!(SCHEMES as readonly string[]).includes(scheme))
        throw new Error(`${id}: the sandbox has no check for the security scheme ${scheme}`);
    return schemes as Scheme[];
  });
  const content = (operation.requestBody as { content?: object } | undefined)?.content ?? {};
  const types = Object.keys(content);
  return {
    handler,
    requirements,
    schemes: [...new Set(requirements.flat())],
    validators: backend.validator.getRequestValidatorsForOperation(id) ?? [],
    jsonOnly: types.length === 1 && types[0] === "application/json",
  };
}

/** The first validation error, as the 400 tells it: where, then ajv's message. */
function validate(
  operation: Prepared,
  parameters: Record<string, unknown>,
  parseError: string | undefined,
): Problem | undefined {
  if (parseError !== undefined) return { status: 400, reason: `request ${parseError}` };
  for (const validator of operation.validators) {
    if (validator(parameters)) continue;
    const [first] = validator.errors ?? [];
    const where = first?.instancePath.replace(/^\//, "").replace(/\//g, ".") || "request";
    return { status: 400, reason: `${where} ${first?.message ?? "is invalid"}` };
  }
  return undefined;
}

/** The methods the spec routes a path to, under any template it falls under, for a 405's Allow. */
function allowedMethods(definition: { paths: Record<string, object> }, path: string): string {
  const methods = operationsOf(definition)
    .filter((operation) => templateRegex(operation.path).test(path))
    .map((operation) => operation.method.toUpperCase());
  return [...new Set(methods)].sort().join(", ");
}

export type { Route };
