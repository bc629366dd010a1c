// The sandbox's session state: created → completed (login, cancel or provider error) →
// invalidated (deleted), or expired after the TTL. Memory is bounded twice: expired sessions go,
// and beyond maxSessions the oldest goes. A Map keeps insertion order and every session has the
// same TTL, so the oldest is always first: both bounds cost O(1) per create, amortised.
import { randomInt } from "node:crypto";
import type { Person } from "./persons.js";

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

  constructor(
    readonly ttlMs: number,
    readonly maxSessions: number,
    readonly now: () => number,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  create(request: CreateRequest): Session {
    this.#sweep();
    while (this.#sessions.size >= this.maxSessions) {
      const oldest = this.#sessions.keys().next().value as string;
      this.#sessions.delete(oldest);
    }
    const session: Session = { requestId: newRequestId(), request, createdAt: this.now() };
    this.#sessions.set(session.requestId, session);
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

  /** Completes a created session; false when it is unknown or already completed. */
  complete(requestId: string, completion: Completion): boolean {
    const session = this.get(requestId);
    if (!session || session.completion) return false;
    session.completion = completion;
    return true;
  }

  /** Invalidates (forgets) a session; false when there is none. */
  invalidate(requestId: string): boolean {
    return this.get(requestId) !== undefined && this.#sessions.delete(requestId);
  }

  #expired(session: Session): boolean {
    return this.now() - session.createdAt >= this.ttlMs;
  }

  /** Drops expired sessions from the front (the oldest), stopping at the first live one. */
  #sweep(): void {
    for (const session of this.#sessions.values()) {
      if (!this.#expired(session)) return;
      this.#sessions.delete(session.requestId);
    }
  }
}
