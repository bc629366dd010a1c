// Makes Redoc's static page self-contained. Kept apart from the build so it can be tested alone.

// URLs in Redoc's bundle that the browser would fetch. Documentation links (redocly.com/learn…,
// react.dev/errors…) are text in error messages, never fetched, and are left alone.
const FETCHED = [
  /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g,
  /https:\/\/cdn\.redocly\.com\/icons\/[a-z-]+\/[\d.]+/g,
];

/**
 * The policy the page declares: nothing from any other origin, ever. Redoc needs inline scripts
 * and styles, blob: workers (search) and data: images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

export function rewriteForOffline(html, { favicon, logo }) {
  let out = html.replace(FETCHED[0], logo).replace(FETCHED[1], "data:,");
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<link rel="icon" type="image/svg+xml" href="${favicon}">`,
  ].join("");
  out = out.replace(/<head>/i, `<head>${head}`);
  const remaining = [...new Set(FETCHED.flatMap((pattern) => out.match(pattern) ?? []))];
  return { html: out, remaining };
}
