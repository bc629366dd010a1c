// The operations the recorder can record: everything that differs from one operation to another
// (how it is asked for and called, how its bodies are kept, its title and file name). Everything
// else (capture, error bodies, headers, validation, the gate) is shared and names no operation.
import type { SignereIdClient, SignereIdCreateRequest } from "@signereid/client";
import { type Body, receivedJson, sessionBody } from "./bodies.js";
import {
  scrubCompleted,
  scrubCreateRequest,
  scrubCreateResponse,
  scrubJson,
  scrubServerTime,
} from "./scrub.js";

export const OPERATION_IDS = [
  "createSignereIdSession",
  "getSignereIdSessionCompleted",
  "getSignereIdSession",
  "invalidateSignereIdSession",
  "getServerTime",
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** What is recorded without an operationId: the only form before every operation could be. */
export const DEFAULT_OPERATION: OperationId = "getSignereIdSession";

export function isOperationId(name: string): name is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(name);
}

/** The options only some operations take (`--metadata`, `--format`). */
export const OPTIONAL_FLAGS = ["metadata", "format"] as const;
export type OptionalFlag = (typeof OPTIONAL_FLAGS)[number];

/** What the call is made with; each operation reads the fields it needs. */
export interface CallInput {
  requestId?: string;
  body?: unknown;
  metadata: boolean;
  format: "json" | "xml";
}

export interface OperationRecipe {
  /** Its arguments in the usage text. */
  usage: string;
  /** Whether `--request-id` is required (else refused). */
  requestId: boolean;
  /** Whether `--body-file` is required (else refused). */
  body: boolean;
  /** The optional flags it takes; any other is refused. */
  flags?: readonly OptionalFlag[];
  call(client: SignereIdClient, input: CallInput): Promise<unknown>;
  /** The 2xx body made safe to keep, from the value the client parsed and the text received. */
  responseBody(value: unknown, received: string): Body;
  /** The JSON request body made safe to keep (only for operations that send one). */
  scrubRequest?(value: unknown): unknown;
  /** The recording's title; default `Recorded <status> (<operationId>)`. */
  title?(input: CallInput, status: number): string;
  /** The file's default name; default `recorded-<operationId>-<status>[-<id prefix>]`. */
  fileName?(status: number, requestId: string | undefined): string;
}

const id = (input: CallInput) => input.requestId as string;

export const OPERATIONS: Readonly<Record<OperationId, OperationRecipe>> = {
  createSignereIdSession: {
    usage: "--body-file request.json   (a SignereIdRequest, JSON)",
    requestId: false,
    body: true,
    call: (client, input) => client.createSignereIdSession(input.body as SignereIdCreateRequest),
    responseBody: receivedJson(scrubCreateResponse),
    scrubRequest: scrubCreateRequest,
  },
  getSignereIdSessionCompleted: {
    usage: "--request-id ID",
    requestId: true,
    body: false,
    call: (client, input) => client.getSignereIdSessionCompleted(id(input)),
    responseBody: receivedJson(scrubCompleted),
  },
  getSignereIdSession: {
    usage: "--request-id ID [--metadata true|false] [--format json|xml]",
    requestId: true,
    body: false,
    flags: ["metadata", "format"],
    call: (client, input) =>
      client.getSignereIdSession(id(input), { metadata: input.metadata, format: input.format }),
    // Rebuilt from the parsed session, in the form received (JSON or XML).
    responseBody: sessionBody,
    title: (input, status) => `Recorded ${status} (${input.format}, metadata=${input.metadata})`,
    // The name from before every operation could be recorded.
    fileName: (status, requestId) => `recorded-${status}-${requestId?.slice(0, 8)}`,
  },
  invalidateSignereIdSession: {
    usage: "--request-id ID",
    requestId: true,
    body: false,
    call: (client, input) => client.invalidateSignereIdSession(id(input)),
    responseBody: receivedJson(scrubJson),
    // The body is {"RequestId": <the id you chose>}: kept, like the id in a path.
    scrubRequest: (value) => value,
  },
  getServerTime: {
    usage: "(unsigned)",
    requestId: false,
    body: false,
    call: (client) => client.getServerTime(),
    responseBody: receivedJson(scrubServerTime),
  },
};
