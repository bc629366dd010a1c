// Builds dist/: index.html from the bundled description with Redoc inlined, then rewrites what
// would still leave the page's origin (Redoc's footer logo and icon bases on Redocly's CDN) to
// local data: URIs, adds a favicon and a Content-Security-Policy that forbids other origins, adds
// a static first view of every operation for deep links (src/first-view.mjs), and puts the
// bundled openapi.yaml and openapi.json beside it for download.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { addFirstView } from "./first-view.mjs";
import { rewriteForOffline } from "./offline.mjs";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);
const specDir = dirname(require.resolve("@signereid/openapi/openapi.yaml"));
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
execFileSync(
  process.execPath,
  [
    redoclyBin,
    "build-docs",
    join(specDir, "openapi.yaml"),
    "--output",
    join(dist, "index.html"),
    "--inlineBundle",
    "--config",
    join(root, "redocly.yaml"),
    "--title",
    "SignereID session lookup API",
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);

const html = readFileSync(join(dist, "index.html"), "utf8");
const dataUri = (file) =>
  `data:image/svg+xml;base64,${readFileSync(join(root, "static", file)).toString("base64")}`;
const { html: offline, remaining } = rewriteForOffline(html, {
  favicon: dataUri("favicon.svg"),
  logo: dataUri("redoc-logo.svg"),
});
if (remaining.length > 0) {
  throw new Error(`dist/index.html still references other origins: ${remaining.join(", ")}`);
}
const spec = JSON.parse(readFileSync(join(specDir, "openapi.json"), "utf8"));
const page = addFirstView(offline, spec);
writeFileSync(join(dist, "index.html"), page);
for (const file of ["openapi.yaml", "openapi.json"])
  copyFileSync(join(specDir, file), join(dist, file));
console.log(
  `docs: dist/index.html (${Math.round(Buffer.byteLength(page) / 1024)} KiB), openapi.yaml, openapi.json`,
);
