// The recorded exchanges and the bundled spec, as the contract tests read them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadRecordings, type LoadedRecording as Recording } from "@signereid/openapi";

const require = createRequire(import.meta.url);

export const bundle = JSON.parse(
  readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"),
);

export const recordings: Recording[] = loadRecordings();

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. /api/SignereId/{RequestId}. */
  path: string;
  /** Unsigned when the spec says `security: []`. */
  signed: boolean;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}

/** Every operation of the bundle, by operationId. */
export const operations: Map<string, SpecOperation> = new Map(
  Object.entries<Record<string, SpecOperation & { security?: unknown[] }>>(bundle.paths).flatMap(
    ([path, item]) =>
      ["get", "put", "post", "delete"]
        .filter((method) => item[method])
        .map((method) => {
          const op = item[method] as SpecOperation & { security?: unknown[] };
          const signed = !(Array.isArray(op.security) && op.security.length === 0);
          return [
            op.operationId,
            {
              operationId: op.operationId,
              method: method.toUpperCase(),
              path,
              signed,
              responses: op.responses,
            },
          ] as const;
        }),
  ),
);

/** The response object an operation declares for a status, with its $ref followed. */
export function declaredResponse(operationId: string, status: number) {
  const response = operations.get(operationId)?.responses[String(status)];
  if (!response?.$ref) return response;
  return bundle.components.responses[response.$ref.split("/").pop() as string];
}

/** The media type key of the spec that a Content-Type falls under ("*\/*" matches anything). */
export function mediaTypeKey(
  content: Record<string, unknown>,
  contentType: string,
): string | undefined {
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    Object.keys(content).find((key) => key === essence) ??
    Object.keys(content).find((key) => key === "*/*")
  );
}

export function contentTypeOf(recording: Recording): string {
  const entry = Object.entries(recording.response.headers).find(
    ([name]) => name.toLowerCase() === "content-type",
  );
  return entry?.[1] ?? "";
}

/** The path parameters of a recording's path under its operation's template. */
export function pathParams(recording: Recording): Record<string, string> {
  const template = operations.get(recording.operationId)?.path ?? "";
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
  const values = pattern.exec(recording.request.path)?.slice(1) ?? [];
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(values[i] ?? "")]));
}
