// The hosted login page at /login/<RequestId>: server-rendered HTML without a single script, its
// only style inline and pinned by hash in a strict CSP, every value escaped. A plain form, so a
// browser, a keyboard or `fetch` can complete it; POST answers 303 to the session's return URL.
import { createHash } from "node:crypto";
import { completeSession } from "./flow.js";
import { personsFor } from "./persons.js";
import type { SessionStore } from "./sessions.js";
import type { Problem } from "./signature.js";

export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}fieldset{margin:1rem 0;border:1px solid #888;border-radius:4px}
label{margin-left:.25rem}.field{margin:.4rem 0}input[type=text]{width:100%;padding:.3rem;box-sizing:border-box}
button{margin:.5rem .5rem 0 0;padding:.5rem 1rem;font:inherit;cursor:pointer}
:focus-visible{outline:3px solid #005fcc;outline-offset:2px}.note{color:#555;font-size:.9rem}`;
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

const PROVIDERS: Record<string, string> = {
  NO_BANKID_WEB: "Norwegian BankID",
  NO_BANKID_MOBILE: "Norwegian BankID on mobile",
  NO_BUYPASS: "Buypass (Norway)",
  SWE_BANKID: "Swedish BankID",
  SWE_BANKID_MOBILE: "Swedish Mobile BankID",
  DA_NEMID: "NemID (Denmark)",
  FI_TUPAS: "Tupas (Finland)",
};

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** The origins a form on this page may post to and be redirected to: itself and the return URLs'. */
function formAction(urls: string[]): string {
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      const { origin } = new URL(url);
      // URL normalises the origin; anything that could break out of the directive is dropped.
      if (/^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(origin)) origins.add(origin);
    } catch {}
  }
  return ["'self'", ...origins].join(" ");
}

function page(status: number, title: string, main: string, formOrigins: string[] = []): Page {
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action ${formAction(formOrigins)}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
    body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${main}
</main></body>
</html>
`,
  };
}

const problemPage = ({ status, reason }: Problem): Page =>
  page(status, "SignereID sandbox", `<h1>SignereID sandbox</h1>\n<p>${escapeHtml(reason)}</p>`);

/** GET /login/<RequestId>: the form for a created session. */
export function loginPage(store: SessionStore, requestId: string): Page {
  const session = store.get(requestId);
  if (!session)
    return problemPage({ status: 404, reason: "No SignereID session with this RequestId" });
  if (session.completion)
    return problemPage({ status: 409, reason: "This session is already completed" });
  const { IdentityProvider, ExternalReference, SuccessUrl, CancelUrl, ErrorUrl } = session.request;
  const provider = IdentityProvider && PROVIDERS[IdentityProvider];
  const persons = personsFor(IdentityProvider)
    .map(
      (p, i) =>
        `<div class="field"><input type="radio" name="person" id="person-${escapeHtml(p.id)}" value="${escapeHtml(p.id)}"${i === 0 ? " checked" : ""}>` +
        `<label for="person-${escapeHtml(p.id)}">${escapeHtml(p.Name)}</label> <span class="note">(${escapeHtml(PROVIDERS[p.identityProvider] ?? p.identityProvider)}, born ${escapeHtml(p.DateOfBirth)})</span></div>`,
    )
    .join("\n");
  const action = `/login/${encodeURIComponent(requestId)}`;
  const main = `<h1>SignereID sandbox: log in</h1>
<p>Identity provider: <strong>${escapeHtml(provider ? `${provider} (${IdentityProvider})` : "any (the person chooses)")}</strong></p>
<p>Reference: <code>${escapeHtml(ExternalReference ?? "")}</code></p>
<p class="note">A sandbox: the persons are fictional, and nothing here is a real e-ID.</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>Test person</legend>
${persons}
</fieldset>
<fieldset><legend>Provider error (used by "Fail with a provider error")</legend>
<div class="field"><label for="errorCode">Error code</label><input type="text" id="errorCode" name="errorCode" maxlength="64"></div>
<div class="field"><label for="errorMessage">Error message</label><input type="text" id="errorMessage" name="errorMessage" maxlength="500"></div>
</fieldset>
<button type="submit" name="outcome" value="login">Log in</button>
<button type="submit" name="outcome" value="cancel">Cancel</button>
<button type="submit" name="outcome" value="error">Fail with a provider error</button>
</form>`;
  return page(200, "SignereID sandbox: log in", main, [SuccessUrl, CancelUrl, ErrorUrl]);
}

/** POST /login/<RequestId>: completes the session and sends the browser back (303). */
export function submitLogin(
  store: SessionStore,
  requestId: string,
  contentType: string | undefined,
  body: Uint8Array,
  environment: { userAgent?: string; ipAddress?: string },
): Page {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    return problemPage({
      status: 415,
      reason: "The login form is sent as application/x-www-form-urlencoded",
    });
  const form = new URLSearchParams(Buffer.from(body).toString("utf8"));
  const input = {
    outcome: form.get("outcome") as "login" | "cancel" | "error",
    ...(form.has("person") ? { personId: form.get("person") as string } : {}),
    ...(form.has("errorCode") ? { errorCode: form.get("errorCode") as string } : {}),
    ...(form.has("errorMessage") ? { errorMessage: form.get("errorMessage") as string } : {}),
  };
  const result = completeSession(store, requestId, input, environment);
  if (typeof result !== "string") return problemPage(result);
  return {
    status: 303,
    headers: { location: result, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    body: "",
  };
}

/** Any other method on a login page. */
export const methodNotAllowed = (): Page => ({
  ...problemPage({ status: 405, reason: "The login page takes GET and POST" }),
  headers: { ...problemPage({ status: 405, reason: "" }).headers, allow: "GET, POST" },
});
