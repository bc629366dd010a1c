// What each operation of the spec answers, once the request is routed, authenticated and
// validated against the spec (an unsubscribed account never gets here: see api.ts). A session
// this sandbox created answers from its state, for the account that created it; any other
// RequestId answers as a recording made by the same request, else 404.
import type { SandboxAccount } from "./accounts.js";
import { sessionBody } from "./flow.js";
import { type RecordingStore, type Routed, replay } from "./recordings.js";
import { formatFor, json, problemReply, type Reply, sessionReply } from "./replies.js";
import { type CreateRequest, SessionStore } from "./sessions.js";
import { header } from "./signature.js";

export interface OperationDeps {
  store: RecordingStore;
  sessions: SessionStore;
  now: () => number;
  /** The origin login URLs are written with, known once the server listens. */
  origin: { url: string };
}

/** A request routed to its operation, authenticated and validated: what a handler reads. */
export interface Call {
  operationId: string;
  /** The path as sent (not decoded). */
  path: string;
  /** The path template's parameters, percent-decoded. */
  params: Record<string, string>;
  /** The query, parsed as openapi-backend parses it (qs). */
  query: Record<string, unknown>;
  /** Lowercase names; the boolean signing headers as `true`/`false`. */
  headers: Record<string, string | string[] | undefined>;
  /** The request body, parsed (POST and PUT). */
  body: unknown;
  /** The account the request was verified for (the ApiId scheme runs before any handler). */
  account?: SandboxAccount;
}

export type Handler = (c: Call) => Reply;

/** The API-ID the request was verified for. */
const owner = (c: Call) => c.account?.apiId ?? "";

export function operationHandlers({ store, sessions, now, origin }: OperationDeps) {
  /**
   * For a RequestId that is not the caller's live session: the recording made by exactly this
   * request, else `fallback`, else 404 (another account's session is as unknown as a missing one).
   */
  const recorded = (c: Call, fallback?: Reply): Reply =>
    store.reply(routed(c)) ??
    fallback ??
    problemReply({ status: 404, reason: "No SignereID session with this RequestId" });

  return {
    // Unsigned, and answered from the sandbox's own clock in the recorded form
    // ("yyyy-MM-ddTHH:mm:ss"), so that a client that synchronises from it signs with a timestamp
    // the sandbox accepts.
    getServerTime: () => json(new Date(now()).toISOString().slice(0, 19)),

    // Every create starts a fresh session on this sandbox's own login page, whatever its body: a
    // recorded create answer would send the browser to the vendor's host, off this machine.
    createSignereIdSession: (c) => {
      const body = c.body as CreateRequest;
      const tooLong = SessionStore.refuse(body);
      if (tooLong) return problemReply(tooLong);
      const session = sessions.create(body, owner(c));
      return json({
        Url: `${origin.url}/login/${session.requestId}`,
        RequestId: session.requestId,
        Started: new Date(session.createdAt).toISOString().slice(0, 19),
        Status: "UNKNOWN",
      });
    },

    getSignereIdSessionCompleted: (c) => {
      const session = sessions.owned(String(c.params.RequestId), owner(c));
      return session ? json(session.completion !== undefined) : recorded(c);
    },

    getSignereIdSession: (c) => {
      const request = routed(c);
      const session = sessions.owned(String(c.params.RequestId), owner(c));
      if (session)
        return sessionReply(
          sessionBody(session, request.query.metadata === "true"),
          request.format,
        );
      return recorded(c, adaptedSession(store, request));
    },

    invalidateSignereIdSession: (c) => {
      const { RequestId } = c.body as { RequestId: string };
      if (sessions.invalidate(RequestId, owner(c))) return { status: 200, headers: {}, body: "" };
      return recorded(c);
    },
  } satisfies Record<string, Handler>;
}

/**
 * A recorded session asked for in another form than any recording of its path shows: an error
 * recording of that path answers as recorded; otherwise its closest successful recording (the
 * same `metadata` if there is one) is adapted, MetaData dropped for metadata=false and written as
 * XML when XML is asked for. Undefined when the path has no recording.
 */
function adaptedSession(store: RecordingStore, request: Routed): Reply | undefined {
  const recordings = store.of(request.operationId, request.path);
  const error = recordings.find((r) => r.response.status !== 200);
  if (error) return replay(error);
  const metadata = request.query.metadata === "true";
  const successes = recordings.filter((r) => typeof r.response.body === "object");
  const base = successes.find((r) => r.request.query.metadata === String(metadata)) ?? successes[0];
  if (!base) return undefined;
  const session = { ...(base.response.body as Record<string, unknown>) };
  if (!metadata) session.MetaData = null;
  return sessionReply(session, request.format);
}

/** The routed request, as the recording store matches it. */
function routed(c: Call): Routed {
  const query = Object.fromEntries(
    Object.entries(c.query).map(([name, value]) => [name, String(value)]),
  );
  return {
    operationId: c.operationId,
    path: c.path,
    query,
    format: formatFor(header(c, "accept")),
    body: c.body,
  };
}
