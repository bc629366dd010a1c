// The HTML: one layout, every outside value escaped. No script; one inline style, by its hash.
import { createHash } from "node:crypto";

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}" +
  "button{font:inherit;padding:.5rem 1rem;margin:0 .5rem .5rem 0;cursor:pointer}";
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

/**
 * The Content-Security-Policy of every page. Forms post to this origin, whose answer redirects
 * to the login page, so form-action names that origin too (Chromium checks it on the redirect).
 */
export const csp = (loginOrigin: string) =>
  `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self' ${loginOrigin}; frame-ancestors 'none'; base-uri 'none'`;

/** Tagged template: every interpolated value is escaped, so nothing from outside becomes markup. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  strings.reduce((out, text, i) => out + escapeHtml(values[i - 1]) + text);
const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A whole page; `body` must come from `html` (or be a constant). */
export const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Back to the start</a></p></body></html>`;
