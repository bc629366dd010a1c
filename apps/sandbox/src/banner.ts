// What the start banner shows (the sandbox's CLI and the repo's `pnpm start`): the recorded
// sessions by RequestId, and last, how to call each of the five operations, one short line each.
// The lookups name the recorded session that runs a whole login, answered as recorded, so the
// lines work in order as they are; the create starts a fresh session of its own.
import type { LoadedRecording } from "@signereid/openapi";
import type { OpenAPIBackend } from "openapi-backend";
import type { RecordingStore } from "./recordings.js";

/** One line per operation, calling it with @signereid/client (`client` signed for the account). */
export function callLines(requestId: string): string[] {
  const id = JSON.stringify(requestId);
  return [
    "await client.getServerTime()  // unsigned; client.syncClock() sets the client's clock from it",
    "await client.createSignereIdSession({ SuccessUrl, ErrorUrl, CancelUrl, ExternalReference })",
    `await client.getSignereIdSessionCompleted(${id})`,
    `await client.getSignereIdSession(${id}, { metadata: true })`,
    `await client.invalidateSignereIdSession(${id})`,
  ];
}

/** Each RequestId of the session recordings (read by the spec's route), with what it shows. */
export function catalogue(api: OpenAPIBackend, store: RecordingStore) {
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
 * The recorded session a whole login follows: of the catalogue's RequestIds, the one that the
 * most successful recordings name (as a path segment or a body value), whatever their operation.
 */
export function recordedLogin(api: OpenAPIBackend, store: RecordingStore): string {
  const successes = store
    .operations()
    .flatMap((operationId) => store.of(operationId))
    .filter((r) => r.response.status < 300);
  const count = (requestId: string) => successes.filter((r) => names(r, requestId)).length;
  const ids = catalogue(api, store).map(({ requestId }) => requestId);
  return ids.sort((a, b) => count(b) - count(a))[0] ?? "<RequestId>";
}

function names({ request }: LoadedRecording, requestId: string): boolean {
  const values =
    typeof request.body === "object" && request.body ? Object.values(request.body) : [];
  return (
    decodeURIComponent(request.path).split("/").includes(requestId) || values.includes(requestId)
  );
}
