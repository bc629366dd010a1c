// The route table, built once per process from the operations of the bundle. openapi-backend's
// router rebuilt its operation list (lodash chains over the whole definition) and compiled a
// RegExp per path template on every match, several times per request: that was a sixth of the
// sandbox's CPU. This answers as its router does, from a table computed at start-up.
import { templateRegex } from "@signereid/openapi";
import type { Operation } from "openapi-backend";

export interface Route {
  operationId: string;
  /** The path template, e.g. /api/SignereId/{RequestId}: what the log shows. */
  path: string;
  method: string;
  regex: RegExp;
  /** The names of the template's parameters, in the order the regex captures them. */
  names: string[];
}

export type Match =
  | { status: 200; route: Route; params: Record<string, string> }
  | { status: 404 }
  | { status: 405 };

export class RouteTable {
  readonly #routes: Route[];

  constructor(operations: readonly Operation[]) {
    this.#routes = operations
      .map((operation) => ({
        operationId: operation.operationId ?? "",
        path: operation.path,
        method: operation.method.toLowerCase(),
        regex: templateRegex(operation.path),
        names: [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ""),
      }))
      // A stable sort, as lodash's orderBy is: equally specific routes keep the spec's order.
      .sort((a, b) => literalLength(b.path) - literalLength(a.path));
  }

  /**
   * openapi-backend's rules: an exact path with its method first; else the templates that match,
   * the most specific (longest once its `{params}` are removed) first, the first with the
   * method; a matching path without the method is a 405, no matching path a 404. Parameters are
   * percent-decoded, as its parser (bath) decodes them.
   */
  match(requestMethod: string, requestPath: string): Match {
    const method = requestMethod.trim().toLowerCase();
    // The path as openapi-backend normalises it: no query, no trailing slashes (the sandbox
    // refuses trailing slashes before routing, so this only keeps the rules identical).
    let path = requestPath.trim().split("?")[0] ?? "";
    if (!path.startsWith("/")) path = `/${path}`;
    while (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    const exact = this.#routes.find((route) => route.path === path && route.method === method);
    if (exact) return { status: 200, route: exact, params: paramsOf(exact, path) };
    const matching = this.#routes.filter((route) => route.regex.test(path));
    const route = matching.find((candidate) => candidate.method === method);
    if (route) return { status: 200, route, params: paramsOf(route, path) };
    return { status: matching.length ? 405 : 404 };
  }
}

/** The template's parameters in `path`, percent-decoded. */
function paramsOf(route: Route, path: string): Record<string, string> {
  const found = route.regex.exec(path);
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => {
    params[name] = decodeURIComponent(found?.[i + 1] ?? "");
  });
  return params;
}

/** How specific a template is: its length without its `{params}`. */
const literalLength = (template: string) => template.replace(/\{.*?\}/g, "").length;
