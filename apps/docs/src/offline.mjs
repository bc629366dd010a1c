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

/**
 * Redoc 3 lets headings and inline code break anywhere (`overflow-wrap: anywhere`), so on a
 * phone "SignereID" becomes "SignereI / D". Identifiers must stay whole: break only between
 * words (and after a hyphen), and let an over-long token scroll its own box instead. A list
 * scrolls as a whole: an `li` that scrolled would clip its own number or bullet.
 */
export const READABLE_CSS = [
  "h1,h2,h3,h4,h5,h6,code,.schema-name{word-break:normal!important;overflow-wrap:normal!important;hyphens:manual}",
  "p,ol,ul,td,th,blockquote{overflow-x:auto}",
].join("");

export function rewriteForOffline(html, { favicon, logo }) {
  let out = html.replace(FETCHED[0], logo).replace(FETCHED[1], "data:,");
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<link rel="icon" type="image/svg+xml" href="${favicon}">`,
    `<style>${READABLE_CSS}</style>`,
  ].join("");
  out = out.replace(/<head>/i, `<head>${head}`);
  const remaining = [...new Set(FETCHED.flatMap((pattern) => out.match(pattern) ?? []))];
  return { html: out, remaining };
}
