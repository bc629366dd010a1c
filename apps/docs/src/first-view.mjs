// The first view: every operation as plain HTML, written at build time from the bundle, so that a
// deep link (#/<tag>/<operationid>) shows its operation at first paint instead of after Redoc's
// 2.3 MB script has been parsed and run (build-docs server-renders only the landing page).
// The section the hash names is shown by CSS `:target` (so it works with JavaScript off) and,
// from the first frame on, by a line of script in <head>; a few more lines remove the whole view
// once Redoc has drawn that operation itself. It is styled with Redoc's own CSS variables, so fonts, colours and dark mode match.
import { operationsOf as bundleOperations, resolveRef } from "@signereid/openapi";
import { marked } from "marked";

const PARAMETER_GROUPS = [
  ["path", "Path"],
  ["query", "Query"],
  ["header", "Headers"],
  ["cookie", "Cookies"],
];

/** Redoc 3's route of an operation, without the leading `/`: `<tag>/<operationid>`, lowercase. */
export const routeOf = (operation) =>
  `${operation.tags[0].toLowerCase()}/${operation.operationId.toLowerCase()}`;

/** Each operation of `spec` (the bundle) with its route, security, resolved parameters and body. */
export function operationsOf(spec) {
  const resolve = (node) => resolveRef(spec, node);
  return bundleOperations(spec)
    .filter(({ operation }) => operation.operationId)
    .map(({ path, method, operation: op, item }) => {
      const body = resolve(resolve(op.requestBody)?.content?.["application/json"]?.schema);
      // An operation's own `security`, even `[]` (no signing, as getServerTime), replaces the
      // document's; the first requirement's schemes are what the view lists.
      const requirements = op.security ?? spec.security ?? [];
      return {
        ...op,
        method,
        path,
        route: routeOf(op),
        security: Object.keys(requirements[0] ?? {}),
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])]
          .map(resolve)
          .map((parameter) => ({ ...parameter, schema: resolve(parameter.schema) ?? {} })),
        bodyFields: Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
          name,
          required: body.required?.includes(name) ?? false,
          schema: resolve(schema) ?? {},
        })),
      };
    });
}

const esc = (text) =>
  String(text ?? "").replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );
// The spec is ours and trusted; its Markdown is what Redoc renders too.
const markdown = (text) => (text ? marked.parse(String(text), { async: false }) : "");

/** "string, [ 1 .. 512 ] characters" and the like: a field's type as Redoc sums it up. */
function typeOf(schema) {
  const parts = [schema.type ?? (schema.enum ? "enum" : "any")];
  if (schema.minLength !== undefined || schema.maxLength !== undefined)
    parts.push(`[ ${schema.minLength ?? 0} .. ${schema.maxLength ?? "∞"} ] characters`);
  if (schema.format) parts.push(`&lt;${esc(schema.format)}&gt;`);
  if (schema.title) parts.push(`(${esc(schema.title)})`);
  return parts.join(", ");
}

function field({ name, required, schema, description }) {
  const facts = [
    schema.enum &&
      `Enum: ${schema.enum.map((value) => `<code>${esc(JSON.stringify(value))}</code>`).join(" ")}`,
    schema.default !== undefined && `Default: <code>${esc(JSON.stringify(schema.default))}</code>`,
    schema.pattern && `<code>${esc(schema.pattern)}</code>`,
  ].filter(Boolean);
  return `<div class="fv-field"><div><span class="fv-name">${esc(name)}</span> <span class="fv-type">${typeOf(schema)}</span>${required ? ' <span class="fv-required">required</span>' : ""}</div>${facts.map((fact) => `<div class="fv-fact">${fact}</div>`).join("")}${markdown(description ?? schema.description)}</div>`;
}

/** The schemes a request needs, as Redoc's Security box lists them; none, no box (as Redoc). */
const security = ({ security: names }) =>
  names.length
    ? `<div class="fv-security"><div>Security</div><div>${names.map(esc).join(' <span class="fv-and">and</span> ')}</div></div>`
    : "";

function section(op) {
  const groups = PARAMETER_GROUPS.map(([where, title]) => {
    const list = op.parameters.filter((parameter) => parameter.in === where);
    return list.length ? `<h5>${title}</h5>${list.map(field).join("")}` : "";
  }).join("");
  const body = op.bodyFields.length
    ? `<h5>Body <span class="fv-type">application/json</span></h5>${op.bodyFields.map(field).join("")}`
    : "";
  // Two ids: `/<route>` for :target (the hash is `#/<route>`), and `<route>`, the id Redoc gives
  // the operation's own section, so that anything looking for that section finds this one first.
  return `<section id="/${esc(op.route)}"><div id="${esc(op.route)}" class="fv-op"><div class="fv-middle"><h2>${esc(op.summary)}</h2>${op.deprecated ? '<span class="fv-badge">Deprecated</span>' : ""}<h4>Request</h4>${markdown(op.description)}${security(op)}${groups}${body}</div><div class="fv-right"><div class="fv-endpoint"><span class="fv-method fv-${op.method}">${op.method.toUpperCase()}</span> ${esc(op.path)}</div></div></div></section>`;
}

/**
 * The view's style: a layer over Redoc's content column, as wide as Redoc lays the operation out
 * (sidebar 285 px from 672 px up; two panels from 1280 px up), in Redoc's fonts and colours.
 */
export const FIRST_VIEW_CSS = [
  "#first-view{display:none;position:fixed;inset:0 0 0 0;z-index:2;overflow-y:auto;background:var(--bg-color,#fff);color:var(--text-color-primary,#1a1c21);font-family:var(--font-family-base,system-ui,sans-serif);font-size:var(--font-size-base,14px);line-height:var(--line-height-base,22px);-webkit-font-smoothing:antialiased}",
  "#first-view:has(section:target){display:block}",
  "#first-view section{display:none}",
  "#first-view section:target{display:block}",
  "#first-view *{box-sizing:border-box}",
  ".fv-op{padding:64px 0 16px}",
  ".fv-middle,.fv-right{padding:0 32px}",
  "#first-view h2{font-size:var(--h2-font-size,28px);line-height:var(--h2-line-height,36px);font-weight:var(--heading-font-weight,600);margin:0 0 8px;max-width:calc(100% - 140px)}",
  "#first-view h4{font-size:20px;line-height:28px;font-weight:600;margin:24px 0 8px}",
  "#first-view h5{font-size:18px;line-height:24px;font-weight:600;margin:24px 0 4px}",
  "#first-view p{margin:0 0 8px;color:var(--text-color-secondary,#3b3c45)}",
  "#first-view code{font-family:var(--font-family-monospaced,ui-monospace,monospace);font-size:12px;background:var(--inline-code-bg-color,#ededf2);border-radius:4px;padding:3px 4px}",
  ".fv-badge{display:inline-block;padding:0 8px;border-radius:var(--badge-deprecated-border-radius,6px);background:var(--badge-deprecated-bg-color,#ff9c32);color:var(--badge-deprecated-text-color,#fbfbfc);font-size:12px;line-height:24px}",
  ".fv-field{margin:12px 0;color:var(--text-color-description,#555761)}",
  ".fv-name{font-family:var(--font-family-monospaced,ui-monospace,monospace);font-weight:600;color:var(--text-color-primary,#1a1c21)}",
  ".fv-required{color:var(--schema-required-color,#e20c0c)}",
  ".fv-fact{margin:2px 0}",
  ".fv-security{border:1px solid var(--border-color-secondary,#ededf2);border-radius:12px;margin:16px 0}",
  ".fv-security>div{padding:8px 12px}.fv-security>div:first-child{border-bottom:1px solid var(--border-color-secondary,#ededf2);font-weight:500}",
  ".fv-and{color:var(--text-color-description,#555761)}",
  ".fv-endpoint{border:1px solid var(--border-color-secondary,#ededf2);border-radius:12px;padding:14px 20px;font-weight:600;overflow-wrap:anywhere}",
  ".fv-method{font-size:12px;color:var(--color-green-6,#1cb854)}",
  ".fv-post{color:var(--color-blue-6,#3a6bf9)}.fv-put{color:var(--color-orange-6,#ff5722)}.fv-delete{color:var(--color-red-6,#e20c0c)}",
  ".fv-right{margin-top:16px}",
  "@media screen and (min-width:672px){#first-view{left:var(--sidebar-width,285px)}}",
  "@media screen and (min-width:1280px){.fv-op{display:flex;padding:64px 32px 16px}.fv-middle,.fv-right{flex:0 0 50%}.fv-right{margin-top:164px}}",
].join("");

/**
 * Shows the section the hash names from the first frame on: Chromium sets `:target` only once the
 * document is parsed, which here is after Redoc's 2.3 MB script. Runs in <head>, before the view.
 * Meanwhile Redoc's server-rendered landing page (#redoc, under the view) is kept out of style,
 * layout and paint: the first frame then need not wait for the parser to get through it, nor lay
 * out its 2000 boxes. Its sidebar appears with Redoc's own render, when REMOVE_SCRIPT drops this
 * style with the view; with JavaScript off this never runs and the landing page shows as before.
 * Only the view's own section ids count: any other hash (a tag, a guide, garbage) leaves the
 * landing page as it is.
 */
export const showScript = (ids) =>
  `(()=>{try{const id=decodeURIComponent(location.hash.slice(1));if(!${JSON.stringify(ids).replaceAll("<", "\\u003c")}.includes(id))return;const e=CSS.escape(id);const s=document.createElement("style");s.id="first-view-shown";s.textContent='#first-view:has(section[id="'+e+'"]),#first-view section[id="'+e+'"]{display:block}#redoc{content-visibility:hidden}';document.head.append(s)}catch{}})()`;

/**
 * Removes the first view as soon as Redoc has drawn the operation the hash names (its section,
 * heading included, inside #redoc; Redoc's id is the hash without its `/`), or at once when the
 * hash names no section of the view. Watches #redoc, so it runs after #redoc's markup and before
 * Redoc's script.
 */
export const REMOVE_SCRIPT = `(()=>{const v=document.getElementById("first-view"),r=document.getElementById("redoc");if(!v||!r)return;const q=(id)=>'[id="'+CSS.escape(id)+'"]';const o=new MutationObserver(()=>{let id="";try{id=decodeURIComponent(location.hash.slice(1))}catch{}if(!id||!v.querySelector("section"+q(id))||r.querySelector(q(id.slice(1))+" :is(h1,h2)")){o.disconnect();v.remove();document.getElementById("first-view-shown")?.remove()}});o.observe(r,{childList:true,subtree:true})})()`;

/**
 * Runs Redoc's script only after the first frame has been presented. Inline, the 2.3 MB module is
 * compiled as soon as the parser reaches it, in one long task that keeps the page from answering
 * (scrolling the first view, say) until Redoc is done. Kept as text, it is compiled from a task of
 * its own (still inline, so file:// and the CSP hold), once the browser reports the first paint:
 * started any earlier (one frame later, or on a timer), that task competed with the first frame's
 * raster on a busy machine and delayed the paint itself. A hidden tab paints nothing, so it runs
 * at once; so does a browser without paint timing, after one frame; the timer is a last resort.
 */
export const LOAD_SCRIPT = `(()=>{let done=false;const run=()=>{if(done)return;done=true;const s=document.createElement("script");s.type="module";s.textContent=document.getElementById("redoc-bundle").textContent;document.body.append(s)};const later=()=>setTimeout(run);if(document.visibilityState==="hidden")later();else if(PerformanceObserver.supportedEntryTypes?.includes("paint"))new PerformanceObserver((_,o)=>{o.disconnect();later()}).observe({type:"paint",buffered:true});else requestAnimationFrame(later);setTimeout(run,3000)})()`;

/** The view's markup, every operation of `spec` in it, each shown only when it is the target. */
export function firstViewHtml(spec) {
  return `<div id="first-view">${operationsOf(spec).map(section).join("")}</div>`;
}

/**
 * Puts the first view into Redoc's page: its style and showScript in <head>, its markup before
 * #redoc (painted before the parser reaches Redoc's big script), REMOVE_SCRIPT after #redoc, and
 * Redoc's script kept as text, run by LOAD_SCRIPT.
 */
export function addFirstView(html, spec) {
  const open = '<div id="redoc">';
  const script = '<script type="module">';
  const end = html.lastIndexOf("</body>");
  if (!html.includes(open) || !html.includes(script) || end < 0 || !/<\/head>/i.test(html)) {
    throw new Error(
      `Redoc's page no longer has the shape the first view expects (${open}, then ${script}); check src/first-view.mjs against the new @redocly/cli.`,
    );
  }
  // Replacer functions: the markup holds `$` (patterns), which a replacement string would expand.
  return `${html.slice(0, end)}<script>${LOAD_SCRIPT}</script>${html.slice(end)}`
    .replace(
      /<\/head>/i,
      () =>
        `<style>${FIRST_VIEW_CSS}</style><script>${showScript(operationsOf(spec).map((op) => `/${op.route}`))}</script></head>`,
    )
    .replace(open, () => `${firstViewHtml(spec)}${open}`)
    .replace(
      script,
      () => `<script>${REMOVE_SCRIPT}</script><script type="text/plain" id="redoc-bundle">`,
    );
}
