// How each operation is called from a recording: through the client's method named after the
// operationId when the client has it, else through the raw client (openapi-fetch) with the
// recording's parameters and body, so that a recording never waits on a method to be replayed.
import type { createSignereIdClient, createSignereIdRawClient } from "@signereid/client";
import type { LoadedRecording } from "@signereid/openapi";
import { operations, pathParams } from "./recordings.js";

type Client = ReturnType<typeof createSignereIdClient>;
type Raw = ReturnType<typeof createSignereIdRawClient>;

/** What a call came to: the method's result (or throw), or the raw response as received. */
export type Outcome =
  | { via: "method"; value: unknown }
  | { via: "raw"; status: number; text: string };

type MethodCall = (
  client: Record<string, (...args: unknown[]) => Promise<unknown>>,
  r: LoadedRecording,
) => Promise<unknown>;

/** Each operation's method call, with its arguments taken from the recorded request. */
export const CALLED: Record<string, MethodCall> = {
  getSignereIdSession: (client, r) =>
    client.getSignereIdSession?.(pathParams(r).RequestId, {
      metadata: r.request.query.metadata === "true",
      format: r.request.headers.Accept === "application/xml" ? "xml" : "json",
    }) as Promise<unknown>,
  getSignereIdSessionCompleted: (client, r) =>
    client.getSignereIdSessionCompleted?.(pathParams(r).RequestId) as Promise<unknown>,
  createSignereIdSession: (client, r) =>
    client.createSignereIdSession?.(r.request.body) as Promise<unknown>,
  invalidateSignereIdSession: (client, r) =>
    client.invalidateSignereIdSession?.(
      (r.request.body as { RequestId: string }).RequestId,
    ) as Promise<unknown>,
  getServerTime: (client) => client.getServerTime?.() as Promise<unknown>,
};

/** Whether the client has the method named after this recording's operationId. */
export function hasMethod(client: Client, operationId: string): boolean {
  return typeof (client as unknown as Record<string, unknown>)[operationId] === "function";
}

export async function callFor(client: Client, raw: Raw, r: LoadedRecording): Promise<Outcome> {
  if (hasMethod(client, r.operationId)) {
    const call = CALLED[r.operationId] as MethodCall;
    const value = await call(client as never, r).catch((error: unknown) => ({ error }));
    return { via: "method", value };
  }
  const operation = operations.get(r.operationId);
  if (!operation) throw new Error(`no operation ${r.operationId} in the spec`);
  const send = (
    raw as unknown as Record<
      string,
      (
        path: string,
        init: object,
      ) => Promise<{ response: Response; data?: unknown; error?: unknown }>
    >
  )[operation.method];
  const { response, data, error } = await (send as NonNullable<typeof send>)(operation.path, {
    params: { path: pathParams(r), query: r.request.query },
    ...(r.request.body === undefined ? {} : { body: r.request.body }),
    parseAs: "text",
  });
  return { via: "raw", status: response.status, text: String(data ?? error ?? "") };
}
