// The recorded exchanges and the bundled spec, as the contract tests read them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadRecordings, type LoadedRecording as Recording } from "@signereid/openapi";

const require = createRequire(import.meta.url);

export const bundle = JSON.parse(
  readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"),
);

export const recordings: Recording[] = loadRecordings();

export const operation = bundle.paths["/api/SignereId/{RequestId}"].get;

/** The response object the spec declares for a status, with its $ref followed. */
export function declaredResponse(status: number) {
  const response = operation.responses[String(status)];
  if (!response?.$ref) return response;
  return bundle.components.responses[response.$ref.split("/").pop()];
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
