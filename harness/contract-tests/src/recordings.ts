// The recorded exchanges and the bundled spec, as the contract tests read them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  loadRecordings,
  operationsOf,
  type LoadedRecording as Recording,
  templateRegex,
} from "@signereid/openapi";

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
  operationsOf(bundle).map(({ path, method, operation }) => [
    operation.operationId,
    {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      signed: !(Array.isArray(operation.security) && operation.security.length === 0),
      responses: operation.responses,
    },
  ]),
);

/** The response object an operation declares for a status, with its $ref followed. */
export function declaredResponse(operationId: string, status: number) {
  const response = operations.get(operationId)?.responses[String(status)];
  if (!response?.$ref) return response;
  return bundle.components.responses[response.$ref.split("/").pop() as string];
}

/** The path parameters of a recording's path under its operation's template. */
export function pathParams(recording: Recording): Record<string, string> {
  const template = operations.get(recording.operationId)?.path ?? "";
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const values = templateRegex(template).exec(recording.request.path)?.slice(1) ?? [];
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(values[i] ?? "")]));
}
