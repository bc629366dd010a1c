// pnpm --filter @signereid/benchmarks bench:docs-page: how soon a reader sees an operation in a
// cold browser, for our docs page, a plain static HTML floor and Swagger UI, all on one spec.
//
// Each run launches Debian's Chromium with a fresh profile (cold cache; request routing also
// disables the HTTP cache) and opens one page at its deep link to getSignereIdSession. All pages
// are served from loopback by apps/docs' own server (same compression and headers); every other
// origin is refused, and a refused request fails the run. The pages alternate in rounds, in a
// rotating order, so a change in the machine's load hits all of them. Per page:
// - operation visible: ms from navigation start until just after the first frame is painted in
//   which the operation's summary ("Retrieve a SignereID session") and a parameter's name (the
//   first one each renderer lists: RequestId for Redoc and the floor, metadata for Swagger UI)
//   are laid out, not hidden, and inside the 1280×900 viewport, within the operation's own
//   section (a sidebar entry does not count). Polled on every animation frame by an init script.
//   For our docs page this is its static first view (markup the page ships, shown before Redoc
//   runs; apps/docs/src/first-view.mjs), which carries Redoc's id for the section.
// - own section visible: the same, in the section the renderer draws itself: for our docs page,
//   Redoc's section inside #redoc (after the first view is gone); for the floor and Swagger UI,
//   the same section as above, so the same time.
// - FCP: the first-contentful-paint PerformancePaintTiming.
// - main-thread busy: CDP Performance.getMetrics TaskDuration (all main-thread tasks) and
//   ScriptDuration, from navigation until 1 s after both of the above and `load`.
// - bytes: every response's encodedDataLength (CDP Network.loadingFinished), headers included.
// Verdicts, on "operation visible" (for our page: its first view): the docs page's time to the
// operation against the floor (at most 3×) and against every peer (ahead of each: median
// per-round ratio below 1). BENCH_DOCS_PAGE_RUNS (default 7)
// sets the rounds. A page load that fails (the operation never shows, the browser crashes) is
// retried once in its round; if it fails again, that round counts as failed for that page, and
// the figures are medians over the rounds that succeeded (ratios over rounds where both pages
// did). The run fails if a page fails in more than half its rounds, or at once if any page tries
// another origin. Needs apps/docs/dist (node scripts/turbo.mjs run build --filter=@signereid/docs).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { launchChromium, refuseOtherOrigins } from "@signereid/test-browser";
import { startDocsServer } from "../../../apps/docs/src/server.mjs";
import { median } from "./rounds.mjs";

const DOCS_DIST = join(import.meta.dirname, "..", "..", "..", "apps", "docs", "dist");
const RUNS = Number(process.env.BENCH_DOCS_PAGE_RUNS ?? 7);
const OPERATION = { id: "getSignereIdSession", tag: "SignereID" };
const SETTLE_MS = 1000;
// Another build of the docs (a folder like apps/docs/dist) to measure beside the current one,
// e.g. a candidate change; it is reported, not judged.
const CANDIDATE = process.env.BENCH_DOCS_PAGE_CANDIDATE;
const require = createRequire(import.meta.url);
// Declared before the top-level run below uses it (a class is not hoisted).
/** A page that tried another origin: never retried, it fails the whole run. */
class OffOriginError extends Error {}

if (!existsSync(join(DOCS_DIST, "index.html"))) {
  console.error(
    "No apps/docs/dist/index.html: build the docs first (node scripts/turbo.mjs run build --filter=@signereid/docs).",
  );
  process.exit(1);
}
const bundle = JSON.parse(readFileSync(join(DOCS_DIST, "openapi.json"), "utf8"));
const operation = findOperation(bundle, OPERATION.id);

// The floor and the peer are served by the same server as our page, from a temporary folder.
const peersDir = mkdtempSync(join(tmpdir(), "signereid-docs-page-"));
writeFileSync(join(peersDir, "static.html"), staticPage(bundle, operation));
const swaggerDist = dirname(require.resolve("swagger-ui-dist/package.json"));
const swaggerVersion = JSON.parse(readFileSync(join(swaggerDist, "package.json"), "utf8")).version;
mkdirSync(join(peersDir, "swagger"));
for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"])
  cpSync(join(swaggerDist, file), join(peersDir, "swagger", file));
cpSync(join(DOCS_DIST, "openapi.json"), join(peersDir, "swagger", "openapi.json"));
writeFileSync(join(peersDir, "swagger", "index.html"), swaggerPage());

const docs = await startDocsServer({ dir: DOCS_DIST });
const peers = await startDocsServer({ dir: peersDir });
const route = `${OPERATION.tag.toLowerCase()}/${OPERATION.id.toLowerCase()}`;
const PAGES = [
  {
    name: "docs page (Redoc, apps/docs)",
    url: `${docs.url}#/${route}`,
    section: `[id="${route}"]`,
    // The first view carries the same id; Redoc's own section is the one inside #redoc.
    own: `#redoc [id="${route}"]`,
  },
  {
    name: "static HTML floor (no JS)",
    url: `${peers.url}static.html#${OPERATION.id}`,
    section: `#${OPERATION.id}`,
  },
  {
    name: `Swagger UI ${swaggerVersion}`,
    url: `${peers.url}swagger/#/${OPERATION.tag}/${OPERATION.id}`,
    section: `#operations-${OPERATION.tag}-${OPERATION.id}`,
  },
];
const [DOCS, FLOOR, ...PEERS] = PAGES;
const candidate = CANDIDATE && (await startDocsServer({ dir: CANDIDATE }));
if (candidate) {
  PAGES.push({ ...DOCS, name: `candidate (${CANDIDATE})`, url: `${candidate.url}#/${route}` });
}

console.log(
  `docs page bench: ${RUNS} cold runs per page, interleaved; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg()[0].toFixed(1)}`,
);
// Per page, one entry per round: its measurement, or null when the round failed for it.
const results = new Map(PAGES.map((page) => [page, []]));
try {
  for (let round = 0; round < RUNS; round++) {
    // A rotating order: no page always runs first, or right after the same one.
    const order = PAGES.map((_, i) => PAGES[(i + round) % PAGES.length]);
    for (const page of order) results.get(page)[round] = await measureWithRetry(page, round);
    process.stdout.write(`round ${round + 1}/${RUNS} done\n`);
  }
} finally {
  await docs.close();
  if (candidate) await candidate.close();
  await peers.close();
  rmSync(peersDir, { recursive: true, force: true });
}
const failedPages = report();
if (failedPages.length > 0) {
  console.error(
    `FAILED: ${failedPages.map((page) => page.name).join(", ")} failed in more than half of the ${RUNS} rounds.`,
  );
  process.exitCode = 1;
}

/** `measure(page)`, once more if it fails; null if it fails twice. */
async function measureWithRetry(page, round) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measure(page);
    } catch (error) {
      if (error instanceof OffOriginError) throw error;
      const next = attempt === 1 ? "retrying once" : "round counted as failed for this page";
      console.error(`round ${round + 1}, ${page.name}: ${error.message.split("\n")[0]}; ${next}`);
      if (attempt === 2) return null;
    }
  }
}

/** One cold load of `page` in a fresh browser profile (removed again by context.close()). */
async function measure(page) {
  const context = await launchChromium();
  try {
    const refused = await refuseOtherOrigins(context, [page.url]);
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.addInitScript(watchOperation, {
      sections: { visible: page.section, own: page.own ?? page.section },
      summary: operation.summary,
      parameters: operation.parameters.map((parameter) => parameter.name),
    });
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Performance.enable");
    let bytes = 0;
    let requests = 0;
    cdp.on("Network.loadingFinished", (event) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    const before = metrics(await cdp.send("Performance.getMetrics"));
    // An off-origin attempt is what fails the run, whatever else went wrong in this load.
    const offOrigin = (error) =>
      refused.length > 0
        ? new OffOriginError(`${page.name} tried other origins: ${refused.join(", ")}`)
        : error;
    const timings = await load(tab, page).catch((error) => {
      throw offOrigin(error);
    });
    const after = metrics(await cdp.send("Performance.getMetrics"));
    if (refused.length > 0) throw offOrigin();
    return {
      visible: timings.visible,
      own: timings.own,
      fcp: timings.fcp,
      task: (after.TaskDuration - before.TaskDuration) * 1000,
      script: (after.ScriptDuration - before.ScriptDuration) * 1000,
      kib: bytes / 1024,
      requests,
    };
  } finally {
    await context.close();
  }
}

/** Opens `page` in `tab`, waits for both measures of its operation and SETTLE_MS more. */
async function load(tab, page) {
  await tab.goto(page.url, { waitUntil: "load", timeout: 60_000 });
  for (const [key, what] of [
    ["visible", "the operation"],
    ["own", "the renderer's own section"],
  ]) {
    await tab
      .waitForFunction((key) => window.__operationAt?.[key] !== undefined, key, {
        timeout: 30_000,
        polling: 100,
      })
      .catch((error) => {
        throw new Error(`${what} never became visible (${error.message})`);
      });
  }
  await tab.waitForTimeout(SETTLE_MS);
  return tab.evaluate(() => ({
    visible: window.__operationAt.visible,
    own: window.__operationAt.own,
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
  }));
}

function metrics({ metrics: list }) {
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/**
 * Runs in the page before its own scripts: on every animation frame until it succeeds, looks in
 * each of `sections` (selectors by measure) for a text node equal to the summary and one equal
 * to a parameter's name, both rendered and inside the viewport; records in
 * `__operationAt[measure]` performance.now() (ms since navigation start) just after the first
 * frame that has both is painted.
 */
function watchOperation({ sections, summary, parameters }) {
  const shown = (node) => {
    const element = node.parentElement;
    if (!element?.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      return false;
    const box = element.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.bottom > 0 &&
      box.right > 0 &&
      box.top < innerHeight &&
      box.left < innerWidth
    );
  };
  const has = (root, texts) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (texts.includes(node.data.trim()) && shown(node)) return true;
    }
    return false;
  };
  window.__operationAt = {};
  const pending = new Map(Object.entries(sections));
  const tick = () => {
    for (const [measure, section] of pending) {
      const root = document.querySelector(section);
      if (!root || !has(root, [summary]) || !has(root, parameters)) continue;
      pending.delete(measure);
      // A message posted from a frame callback is handled after that frame renders (next paint).
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__operationAt[measure] = performance.now();
      };
      channel.port2.postMessage(undefined);
    }
    if (pending.size > 0) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Prints the table and verdicts; returns the pages that failed in more than half their rounds. */
function report() {
  const spread = (values) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
  const fmt = (value) => (value >= 100 ? Math.round(value).toString() : value.toFixed(1));
  const cell = (values) => `${fmt(median(values))} (${spread(values)})`;
  const succeeded = (page) => results.get(page).filter(Boolean);
  /** Per-round ratios of `page` to `other` on `key`, over rounds both succeeded in. */
  const ratio = (page, other, key) => {
    const values = results
      .get(page)
      .flatMap((run, i) =>
        run && results.get(other)[i] ? [run[key] / results.get(other)[i][key]] : [],
      );
    if (values.length === 0) return { median: Number.NaN, text: "n/a (no common round)" };
    const [low, mid, high] = [Math.min(...values), median(values), Math.max(...values)];
    return { median: mid, text: `${mid.toFixed(1)}× (${low.toFixed(1)}–${high.toFixed(1)}×)` };
  };
  const rows = [
    [
      "page",
      "operation visible ms",
      "× floor",
      "own section ms",
      "× floor",
      "FCP ms",
      "× floor",
      "main-thread busy ms",
      "script ms",
      "KiB transferred",
      "requests",
      "failed rounds",
    ],
    ...PAGES.map((page) => {
      const runs = succeeded(page);
      const pick = (key) => runs.map((run) => run[key]);
      const failed = `${RUNS - runs.length}/${RUNS}`;
      if (runs.length === 0) return [page.name, ...Array(10).fill("n/a"), failed];
      return [
        page.name,
        cell(pick("visible")),
        page === FLOOR ? "1" : ratio(page, FLOOR, "visible").text,
        cell(pick("own")),
        page === FLOOR ? "1" : ratio(page, FLOOR, "own").text,
        cell(pick("fcp")),
        page === FLOOR ? "1" : ratio(page, FLOOR, "fcp").text,
        cell(pick("task")),
        cell(pick("script")),
        cell(pick("kib")),
        String(median(pick("requests"))),
        failed,
      ];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(
    "\nmedian (min–max) over the rounds that succeeded; ratios are medians of per-round ratios;",
  );
  console.log(
    "operation visible: our page's static first view; own section: Redoc's own render (the same section for the others)",
  );
  for (const row of rows) console.log(row.map((text, i) => text.padEnd(widths[i])).join(" | "));
  console.log("");
  const toFloor = ratio(DOCS, FLOOR, "visible");
  const ownToFloor = ratio(DOCS, FLOOR, "own");
  console.log(
    `docs page ≤ 3× static floor (first view): ${toFloor.median <= 3 ? "met" : "missed"} (${toFloor.median.toFixed(1)}×; Redoc's own section ${ownToFloor.text})`,
  );
  if (candidate) {
    const against = ratio(PAGES.at(-1), DOCS, "visible");
    console.log(`candidate: ${against.text} of the docs page's time to the operation`);
  }
  const versus = PEERS.map((peer) => ({ peer, ratio: ratio(DOCS, peer, "visible") }));
  const ahead = versus.every(({ ratio: r }) => r.median < 1);
  console.log(
    `docs page ahead of every peer: ${ahead ? "met" : "missed"} (${versus.map(({ peer, ratio: r }) => `${r.text} of ${peer.name}`).join("; ")})`,
  );
  return PAGES.filter((page) => RUNS - succeeded(page).length > RUNS / 2);
}

/** The operation with its path, method and resolved parameters (path-level ones first). */
function findOperation(spec, operationId) {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op?.operationId !== operationId) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        resolve(spec, p),
      );
      return { ...op, path, method, parameters };
    }
  }
  throw new Error(`No operation ${operationId} in the bundle.`);
}

function resolve(spec, node) {
  if (!node?.$ref) return node;
  return resolve(
    spec,
    node.$ref
      .split("/")
      .slice(1)
      .reduce((at, key) => at?.[key], spec),
  );
}

/**
 * The floor: the same operation as plain HTML written at build time, no script, no web font, no
 * image: its summary, method and path, description, parameters, and each response with its first
 * example. What any renderer must at least put on the wire and paint.
 */
function staticPage(spec, op) {
  const esc = (text) =>
    String(text ?? "").replace(
      /[&<>"]/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
    );
  const para = (text) =>
    String(text ?? "")
      .split(/\n{2,}/)
      .map((block) => `<p>${esc(block)}</p>`)
      .join("");
  const parameters = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "required" : ""}</td><td>${esc(resolve(spec, p.schema)?.type)}</td><td>${para(p.description)}</td></tr>`,
    )
    .join("");
  const responses = Object.entries(op.responses)
    .map(([status, entry]) => {
      const response = resolve(spec, entry);
      const examples = Object.entries(response.content ?? {}).map(([type, media]) => {
        const example = resolve(spec, Object.values(media.examples ?? {})[0]);
        const value = example?.value;
        const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
        return `<h4>${esc(type)}</h4><pre>${esc(text)}</pre>`;
      });
      return `<h3>${esc(status)}</h3>${para(response.description)}${examples.join("")}`;
    })
    .join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(spec.info.title)}</title><style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}td{vertical-align:top;padding:.25rem}</style></head><body><h1>${esc(spec.info.title)}</h1><section id="${esc(op.operationId)}"><h2>${esc(op.summary)}</h2>${op.deprecated ? "<p><strong>Deprecated</strong></p>" : ""}<p><code>${esc(op.method.toUpperCase())} ${esc(op.path)}</code></p>${para(op.description)}<h3>Parameters</h3><table>${parameters}</table><h3>Responses</h3>${responses}</section></body></html>`;
}

/** Swagger UI as its README deploys it: its CSS and bundle as files, the spec fetched by URL. */
function swaggerPage() {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Swagger UI</title><link rel="stylesheet" href="swagger-ui.css"></head><body><div id="swagger-ui"></div><script src="swagger-ui-bundle.js"></script><script>window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true });</script></body></html>`;
}
