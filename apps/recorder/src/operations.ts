// The operations the recorder can record: how to call each through the client, and how its 2xx
// body is scrubbed. Everything else (capture, error bodies, headers, the gate) is shared.
import type { SignereIdClient, SignereIdCreateRequest } from "@signereid/client";
import {
  scrubCompleted,
  scrubCreateRequest,
  scrubCreateResponse,
  scrubJson,
  scrubServerTime,
  scrubSession,
} from "./scrub.js";

export const OPERATION_IDS = [
  "createSignereIdSession",
  "getSignereIdSessionCompleted",
  "getSignereIdSession",
  "invalidateSignereIdSession",
  "getServerTime",
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

export function isOperationId(name: string): name is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(name);
}

/** What the call is made with; each operation reads the fields it needs. */
export interface CallInput {
  requestId?: string;
  body?: unknown;
  metadata: boolean;
  format: "json" | "xml";
}

export interface OperationRecipe {
  /** Whether `--request-id` is required. */
  requestId: boolean;
  /** Whether `--body-file` is required. */
  body: boolean;
  call(client: SignereIdClient, input: CallInput): Promise<unknown>;
  /** The parsed 2xx body (JSON) made safe to keep; the session has its own path (XML too). */
  scrubResponse(value: unknown): unknown;
  /** The JSON request body made safe to keep (only for operations that send one). */
  scrubRequest?(value: unknown): unknown;
}

const id = (input: CallInput) => input.requestId as string;

export const OPERATIONS: Readonly<Record<OperationId, OperationRecipe>> = {
  createSignereIdSession: {
    requestId: false,
    body: true,
    call: (client, input) => client.createSignereIdSession(input.body as SignereIdCreateRequest),
    scrubResponse: scrubCreateResponse,
    scrubRequest: scrubCreateRequest,
  },
  getSignereIdSessionCompleted: {
    requestId: true,
    body: false,
    call: (client, input) => client.getSignereIdSessionCompleted(id(input)),
    scrubResponse: scrubCompleted,
  },
  getSignereIdSession: {
    requestId: true,
    body: false,
    call: (client, input) =>
      client.getSignereIdSession(id(input), { metadata: input.metadata, format: input.format }),
    scrubResponse: (value) => scrubSession(value as Record<string, unknown>),
  },
  invalidateSignereIdSession: {
    requestId: true,
    body: false,
    call: (client, input) => client.invalidateSignereIdSession(id(input)),
    scrubResponse: scrubJson,
    // The body is {"RequestId": <the id you chose>}: kept, like the id in a path.
    scrubRequest: (value) => value,
  },
  getServerTime: {
    requestId: false,
    body: false,
    call: (client) => client.getServerTime(),
    scrubResponse: scrubServerTime,
  },
};
