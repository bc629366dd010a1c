// The sandbox's session state: created → completed (login, cancel or provider error) →
// invalidated (deleted), or expired after the TTL. Memory is bounded twice: expired sessions go,
// and beyond maxSessions the oldest goes. A Map keeps insertion order and every session has the
// same TTL, so the oldest is always first: both bounds cost O(1) per create, amortised.
import { randomInt } from "node:crypto";
import type { Person } from "./persons.js";
import type { Problem } from "./signature.js";

/**
 * The sandbox's own limits on what a create may store (SANDBOX CHOICES, see the README): they
 * bound each session's memory and, with MAX_EXPANDED_RETURN_URL, the return URL it expands to.
 */
export const MAX_RETURN_URL = 2048;
export const MAX_EXTERNAL_REFERENCE = 256;
export const MAX_IDENTITY_PROVIDER = 64;

/**
 * A session's worst case in memory, rounded up: three 2 048-character URLs (12 KiB as UTF-16),
 * the reference, the provider, and a completion (error code 64, message 500, User-Agent 512,
 * address), each 2 bytes a character, plus the objects and the Map entry: under 16 KiB; 20 KiB
 * leaves room. Strings are copied when stored, so none keeps a larger request body alive.
 */
export const WORST_CASE_SESSION_BYTES = 20 * 1024;

export type Outcome = "login" | "cancel" | "error";

export interface CreateRequest {
  SuccessUrl: string;
  CancelUrl: string;
  ErrorUrl: string;
  ExternalReference?: string;
  IdentityProvider?: string;
  GetSocialSecurityNumber?: boolean;
}

export interface Completion {
  outcome: Outcome;
  person?: Person;
  errorCode?: string;
  errorMessage?: string;
  userAgent?: string;
  ipAddress?: string;
}

export interface Session {
  requestId: string;
  /** The API-ID of the account that created it: only it may read or invalidate the session. */
  owner: string;
  request: CreateRequest;
  createdAt: number;
  completion?: Completion;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh RequestId: 45 random letters and digits (the length of the one id ever seen). */
export function newRequestId(): string {
  let id = "";
  for (let i = 0; i < 45; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  // Ids in creation order, for eviction: taking the oldest from the Map itself rescans the slots
  // of every entry deleted before it, which grows with each create at the cap.
  #order: string[] = [];
  #head = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxSessions: number,
    readonly now: () => number,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  /** Why a create body is refused (400), or undefined when it fits the limits above. */
  static refuse(request: CreateRequest): Problem | undefined {
    for (const name of ["SuccessUrl", "CancelUrl", "ErrorUrl"] as const)
      if (request[name].length > MAX_RETURN_URL)
        return {
          status: 400,
          reason: `${name} is longer than the sandbox's ${MAX_RETURN_URL} characters`,
        };
    if ((request.ExternalReference ?? "").length > MAX_EXTERNAL_REFERENCE)
      return {
        status: 400,
        reason: `ExternalReference is longer than the sandbox's ${MAX_EXTERNAL_REFERENCE} characters`,
      };
    if ((request.IdentityProvider ?? "").length > MAX_IDENTITY_PROVIDER)
      return {
        status: 400,
        reason: `IdentityProvider is longer than the sandbox's ${MAX_IDENTITY_PROVIDER} characters`,
      };
    return undefined;
  }

  /** Stores a session for `owner` (an API-ID), keeping only the fields the sandbox reads. */
  create(body: CreateRequest, owner: string): Session {
    const { SuccessUrl, CancelUrl, ErrorUrl, ExternalReference, IdentityProvider } = body;
    const { GetSocialSecurityNumber } = body;
    const request: CreateRequest = copy({
      SuccessUrl,
      CancelUrl,
      ErrorUrl,
      ExternalReference,
      IdentityProvider,
    });
    if (typeof GetSocialSecurityNumber === "boolean")
      request.GetSocialSecurityNumber = GetSocialSecurityNumber;
    this.#sweep();
    while (this.#sessions.size >= this.maxSessions) {
      // Ids already gone (invalidated, expired) are skipped.
      this.#sessions.delete(this.#order[this.#head++] as string);
    }
    // Kept short: the ids behind the head, and those of sessions invalidated since, are dropped.
    if (this.#head > this.#order.length / 2 || this.#order.length > 2 * this.maxSessions) {
      this.#order = this.#order.slice(this.#head).filter((id) => this.#sessions.has(id));
      this.#head = 0;
    }
    const session: Session = {
      requestId: newRequestId(),
      owner,
      request,
      createdAt: this.now(),
    };
    this.#sessions.set(session.requestId, session);
    this.#order.push(session.requestId);
    return session;
  }

  /** The live session, or undefined when it never existed, was invalidated, evicted or expired. */
  get(requestId: string): Session | undefined {
    const session = this.#sessions.get(requestId);
    if (session && this.#expired(session)) {
      this.#sessions.delete(requestId);
      return undefined;
    }
    return session;
  }

  /**
   * The live session when `owner` created it; otherwise undefined, exactly as for an unknown id,
   * so another account learns nothing about it.
   */
  owned(requestId: string, owner: string): Session | undefined {
    const session = this.get(requestId);
    return session?.owner === owner ? session : undefined;
  }

  /** Completes a created session; false when it is unknown or already completed. */
  complete(requestId: string, completion: Completion): boolean {
    const session = this.get(requestId);
    if (!session || session.completion) return false;
    const { person, ...strings } = completion;
    session.completion = { ...copy(strings), ...(person ? { person } : {}) };
    return true;
  }

  /** Invalidates (forgets) `owner`'s session; false when it has none by this id. */
  invalidate(requestId: string, owner: string): boolean {
    return this.owned(requestId, owner) !== undefined && this.#sessions.delete(requestId);
  }

  #expired(session: Session): boolean {
    return this.now() - session.createdAt >= this.ttlMs;
  }

  /** Drops expired sessions from the front (the oldest), stopping at the first live one. */
  #sweep(): void {
    for (; this.#head < this.#order.length; this.#head++) {
      const session = this.#sessions.get(this.#order[this.#head] as string);
      if (session && !this.#expired(session)) return;
      if (session) this.#sessions.delete(session.requestId);
    }
  }
}

/**
 * A deep copy with fresh strings: a trimmed or sliced value can share the memory of the whole
 * body or header it came from, which would then live as long as the session.
 */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
