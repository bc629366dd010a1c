// A static server for dist/ on 127.0.0.1. Every file is read and compressed once, at start, and
// served from memory: a request reads no disk and copies nothing, so any number of slow readers
// share the same buffers and each connection costs only its socket. Restart it after a rebuild.
import { createHash } from "node:crypto";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { CONTENT_SECURITY_POLICY } from "./offline.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
const COMPRESSIBLE = new Set([".html", ".json", ".yaml", ".js", ".css", ".svg"]);

// The page's own policy, plus what only a header can say: no one may frame it.
const SECURITY_HEADERS = {
  "content-security-policy": `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

export const defaultDir = join(import.meta.dirname, "..", "dist");

/**
 * Serves `dir` on 127.0.0.1. `responseTimeoutMs`: a connection that makes no progress (sends no
 * request, reads none of the response) for this long is closed. `maxConnections`: further
 * connections are refused while this many are open.
 */
export async function startDocsServer({
  port = 0,
  dir = defaultDir,
  responseTimeoutMs = 30_000,
  maxConnections = 512,
} = {}) {
  const files = await load(dir);
  const server = createServer(
    {
      headersTimeout: responseTimeoutMs,
      requestTimeout: responseTimeoutMs,
      // How often Node checks the two limits above (default 30 s).
      connectionsCheckingInterval: Math.min(1000, responseTimeoutMs),
    },
    (req, res) => respond(files, req, res),
  );
  // With no 'timeout' listener, Node destroys an idle socket: that is the response timeout.
  server.timeout = responseTimeoutMs;
  server.maxConnections = maxConnections;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Every regular file under `dir` whose real path is inside the real `dir`, keyed by its URL path.
 * Only these are ever served, so `..`, encoded or not, and symlinks out of dist find nothing.
 */
async function load(dir) {
  const root = await realpath(dir).catch((error) => {
    throw new Error(`Cannot read ${dir} (${error.code}): build the docs first (pnpm build).`);
  });
  const names = await readdir(root, { recursive: true });
  const entries = await Promise.all(
    names.map(async (name) => {
      const real = await realpath(join(root, name)).catch(() => "");
      if (!real.startsWith(root + sep)) return undefined;
      const info = await stat(real);
      if (!info.isFile()) return undefined;
      return [`/${name.split(sep).join("/")}`, await prepare(real, info.mtime)];
    }),
  );
  return new Map(entries.filter(Boolean));
}

async function prepare(file, mtime) {
  const body = await readFile(file);
  const tag = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  const variants = { identity: { body, etag: `"${tag}"` } };
  if (COMPRESSIBLE.has(extname(file))) {
    // Brotli quality 9, not 11: 11 saves another 10 % on the page but takes 3 s at every start.
    const [gz, br] = await Promise.all([
      promisify(gzip)(body, { level: 9 }),
      promisify(brotliCompress)(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 9,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    ]);
    if (gz.length < body.length) variants.gzip = { body: gz, etag: `"${tag}-gzip"` };
    if (br.length < body.length) variants.br = { body: br, etag: `"${tag}-br"` };
  }
  return {
    type: TYPES[extname(file)] ?? "application/octet-stream",
    // HTTP dates have whole seconds; If-Modified-Since is compared against this.
    modified: Math.floor(mtime.getTime() / 1000) * 1000,
    variants,
  };
}

function respond(files, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return plain(res, 405, "Method not allowed: the docs are read with GET or HEAD.", {
      allow: "GET, HEAD",
    });
  }
  const target = req.url ?? "";
  let path;
  try {
    path = decodeURIComponent(target.split(/[?#]/, 1)[0]);
  } catch {
    return plain(res, 400, "Bad request: the path is not valid percent-encoding.");
  }
  const file = files.get(path.endsWith("/") ? `${path}index.html` : path);
  if (!target.startsWith("/") || !file) return plain(res, 404, "Not found.");

  const names = Object.keys(file.variants);
  const encoding = negotiate(req.headers["accept-encoding"], names);
  const { body, etag } = file.variants[encoding];
  const headers = {
    ...SECURITY_HEADERS,
    "content-type": file.type,
    etag,
    "last-modified": new Date(file.modified).toUTCString(),
    // Revalidate on every use: a rebuilt site must show at once, and a 304 is cheap.
    "cache-control": "no-cache",
    ...(names.length > 1 && { vary: "Accept-Encoding" }),
    ...(encoding !== "identity" && { "content-encoding": encoding }),
  };
  if (notModified(req.headers, etag, file.modified)) return res.writeHead(304, headers).end();
  res.writeHead(200, { ...headers, "content-length": body.length });
  // The shared buffer itself goes to the socket: a client that reads slowly holds a reference
  // to it, not a copy, and every byte it takes counts as progress against the timeout.
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The best of `available` for an Accept-Encoding header: highest q, then br over gzip. */
function negotiate(header, available) {
  const q = new Map();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((piece) => piece.trim());
    if (!name) continue;
    const weight = params.find((param) => param.startsWith("q="));
    q.set(name, weight ? Number(weight.slice(2)) || 0 : 1);
  }
  let best = "identity";
  let bestQ = 0;
  for (const name of ["br", "gzip"]) {
    const weight = q.get(name) ?? q.get("*") ?? 0;
    if (available.includes(name) && weight > bestQ) [best, bestQ] = [name, weight];
  }
  return best;
}

/** RFC 9110 §13.1.2 and §13.1.3: If-None-Match wins; If-Modified-Since only without it. */
function notModified(headers, etag, modified) {
  const match = headers["if-none-match"];
  if (match !== undefined) {
    return match
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === etag);
  }
  const since = Date.parse(headers["if-modified-since"] ?? "");
  return !Number.isNaN(since) && modified <= since;
}

function plain(res, status, text, extra = {}) {
  res
    .writeHead(status, {
      ...SECURITY_HEADERS,
      ...extra,
      "content-type": "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(text),
    })
    .end(text);
}
