// The example relying party: "Log in with BankID" buttons, the three return URLs, the person's
// name. node:http and @signereid/client only. It never logs or renders the national id.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { createSignereIdClient, SignereIdError, type SigningCredentials } from "@signereid/client";
import { csp, html, page } from "./page.js";

const PROVIDERS = ["NO_BANKID_WEB", "SWE_BANKID"]; // the e-IDs the buttons ask for
const HOME = `<form method="post" action="/login">
<button name="provider" value="NO_BANKID_WEB">Log in with BankID (Norway)</button>
<button name="provider" value="SWE_BANKID">Log in with BankID (Sweden)</button></form>`;
const MAX_PENDING = 1000; // logins started and not yet back, at most
const PENDING_MS = 10 * 60_000; // and for at most the sandbox's session lifetime

export interface ExampleRpOptions {
  port?: number; // on 127.0.0.1; 0 (default) picks a free one
  sandboxUrl: string; // the SignereID API's base URL: the sandbox's, or the vendor's
  credentials: SigningCredentials; // apiId and one key (secondaryKey is enough)
  loginOrigin?: string; // the only origin browsers are sent to; default sandboxUrl's
  log?: (line: string) => void; // one line per request, never personal data; default console.log
}
type Reply = { status: number; body?: string; location?: string };

export async function startExampleRp(options: ExampleRpOptions) {
  const client = createSignereIdClient({
    ...options.credentials,
    baseUrl: options.sandboxUrl,
    onDeprecation: false, // known: the vendor deprecated these calls
  });
  const loginOrigin = options.loginOrigin ?? new URL(options.sandboxUrl).origin;
  const log = options.log ?? console.log;
  // RequestId → the ExternalReference sent with it. A return is honoured once, and only for a
  // login this app started: a forged or replayed one is refused. Use your session store.
  const pending = new Map<string, { ref: string; until: number }>();
  let base = "";

  function remember(id: string, ref: string) {
    for (const [key, entry] of pending) {
      if (pending.size < MAX_PENDING && entry.until > Date.now()) break;
      pending.delete(key); // the oldest first: a Map keeps insertion order
    }
    pending.set(id, { ref, until: Date.now() + PENDING_MS });
  }
  const take = (id: string, ref: string) => {
    const entry = pending.get(id);
    return entry?.ref === ref && entry.until >= Date.now() && pending.delete(id);
  };

  const show = (status: number, title: string, body = "") => ({ status, body: page(title, body) });
  const unknown = () => show(400, "Login not recognised", "<p>Unknown, expired or used.</p>");

  async function handle(req: IncomingMessage, url: URL): Promise<Reply> {
    const [id, ref] = [url.searchParams.get("id") ?? "", url.searchParams.get("ref") ?? ""];
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /") return show(200, "Example app", HOME);
    if (route === "POST /login") {
      // Browsers send a form with its length; Node holds the body to it. One field: 1 KiB is plenty.
      if (!(Number(req.headers["content-length"]) <= 1024)) return show(413, "Form too large");
      const provider = new URLSearchParams(await text(req)).get("provider") ?? "";
      if (!PROVIDERS.includes(provider)) return show(400, "Unknown identity provider");
      const ExternalReference = randomUUID(); // sent to the vendor: never personal data
      const { Url, RequestId } = await client.createSignereIdSession({
        SuccessUrl: `${base}/success?id=[1]&ref=[2]`,
        CancelUrl: `${base}/cancel?id=[1]&ref=[2]`,
        ErrorUrl: `${base}/error?status=[0]&id=[1]&ref=[2]`,
        ExternalReference,
        IdentityProvider: provider,
        // A real app would find its customer by this number, server-side only. Drop the flag if
        // the name is enough: it is the most sensitive field, and cost extra at the vendor.
        GetSocialSecurityNumber: true,
      });
      // Send the browser only to the login pages, whatever the API answered.
      if (!Url || !RequestId || new URL(Url).origin !== loginOrigin) return show(502, "Bad answer");
      remember(RequestId, ExternalReference);
      return { status: 303, location: new URL(Url).href }; // as parsed: a header-safe value
    }
    if (route === "GET /success") {
      if (!take(id, ref)) return unknown();
      try {
        if (!(await client.getSignereIdSessionCompleted(id))) return show(400, "Not completed");
        const { Name } = await client.getSignereIdSession(id);
        return show(200, "You are logged in", html`<p>Welcome, <strong>${Name}</strong>.</p>`);
      } finally {
        await invalidate(id); // so this RequestId can never log anyone in again
      }
    }
    if (route === "GET /cancel") {
      return take(id, ref) ? show(200, "You cancelled", "<p>Nothing was shared.</p>") : unknown();
    }
    if (route === "GET /error") {
      if (!take(id, ref)) return unknown();
      const session = await client.getSignereIdSession(id).catch(() => undefined);
      await invalidate(id);
      const code = session?.ErrorCode || url.searchParams.get("status") || "none";
      return show(200, "The login failed", html`<p>${code}: ${session?.ErrorMessage ?? ""}</p>`);
    }
    return show(404, "Not found");
  }

  const invalidate = (id: string) =>
    client.invalidateSignereIdSession(id).catch((e: Error) => log(`invalidate: ${e.message}`));

  // An unreadable target (`GET http://[`) is a 400; whatever throws ends a request, not the app.
  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = URL.canParse(req.url ?? "", base) ? new URL(req.url ?? "", base) : undefined;
    const { status, body, location }: Reply = url
      ? await handle(req, url).catch((error: Error): Reply => {
          log(`${url.pathname}: ${error.name}: ${error.message}`); // the client redacts ids, keys
          return error instanceof SignereIdError
            ? show(502, "The login service failed", html`<p>${error.message}</p>`)
            : show(500, "Something went wrong");
        })
      : show(400, "Bad request");
    log(`${req.method} ${url?.pathname ?? "(unreadable target)"} ${status}`);
    res.writeHead(status, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": csp(loginOrigin),
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer", // return URLs carry the RequestId
      "X-Content-Type-Options": "nosniff",
      ...(location && { Location: location }),
    });
    res.end(body);
  }
  await once(server.listen(options.port ?? 0, "127.0.0.1"), "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    close: () => new Promise<void>((done) => server.close(() => done()).closeAllConnections()),
  };
}
