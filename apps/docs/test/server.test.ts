// The docs server under hostile and careless clients (issue 9, items 15 and 16), on loopback:
// slow and silent readers, conditional and compressed requests, odd methods, broken
// percent-encoding and symlinks out of the served folder.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders, request } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../src/offline.mjs";
import { startDocsServer } from "../src/server.mjs";

const serverModule = join(import.meta.dirname, "..", "src", "server.mjs");
const serveScript = join(import.meta.dirname, "..", "src", "serve.mjs");

// A site the size of the real page, a file too big for any socket buffer, and two ways out.
let root: string;
let site: string;
let page: Buffer;
let big: Buffer;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "docs-server-"));
  site = join(root, "dist");
  mkdirSync(join(site, "guide"), { recursive: true });
  page = Buffer.from(
    `<!doctype html><title>docs</title><pre>${randomBytes(1_300_000).toString("hex")}`,
  );
  big = randomBytes(32 * 1024 * 1024);
  writeFileSync(join(site, "index.html"), page);
  writeFileSync(join(site, "big.bin"), big);
  writeFileSync(join(site, "guide", "index.html"), "<p>guide</p>");
  writeFileSync(join(site, "app.js"), `console.log(${JSON.stringify("x".repeat(4096))});`);
  writeFileSync(join(site, "app.css"), `body{margin:0}${"p{color:red}".repeat(400)}`);
  writeFileSync(join(root, "secret.txt"), "outside dist");
  symlinkSync("/etc/passwd", join(site, "passwd"));
  symlinkSync(join(root, "secret.txt"), join(site, "secret.txt"));
  symlinkSync(join(site, "guide", "index.html"), join(site, "guide.html"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** One request with a raw path (no URL normalisation) and no automatic decoding. */
function send(
  base: string,
  path: string,
  { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

async function withServer<T>(
  options: Parameters<typeof startDocsServer>[0],
  use: (url: string) => Promise<T>,
): Promise<T> {
  const server = await startDocsServer({ dir: site, ...options });
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

/** A raw HTTP/1.1 client that has sent one GET; the caller decides how it reads. */
function rawGet(url: string, path: string): Socket {
  const { port } = new URL(url);
  const socket = connect(Number(port), "127.0.0.1");
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  return socket;
}

describe("item 15: memory, compression, caching and timeouts", () => {
  it("item 15: gzip and br variants are chosen by Accept-Encoding and decode to the same bytes", async () => {
    await withServer({}, async (url) => {
      const plain = await send(url, "/");
      expect(plain.body.equals(page)).toBe(true);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers.vary).toBe("Accept-Encoding");

      const br = await send(url, "/", { headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toBe("Accept-Encoding");
      expect(br.body.length).toBeLessThan(page.length);
      expect(brotliDecompressSync(br.body).equals(page)).toBe(true);

      const gzip = await send(url, "/", { headers: { "accept-encoding": "gzip, br;q=0" } });
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gzip.body).equals(page)).toBe(true);

      const none = await send(url, "/", { headers: { "accept-encoding": "gzip;q=0, br;q=0" } });
      expect(none.headers["content-encoding"]).toBeUndefined();
      expect(none.body.equals(page)).toBe(true);
      // Each representation has its own validator.
      expect(new Set([plain, br, gzip].map((reply) => reply.headers.etag)).size).toBe(3);
    });
  });

  it("item 15: ETag and Last-Modified answer 304 to If-None-Match and If-Modified-Since", async () => {
    await withServer({}, async (url) => {
      const first = await send(url, "/", { headers: { "accept-encoding": "br" } });
      const etag = String(first.headers.etag);
      const modified = String(first.headers["last-modified"]);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(Number.isNaN(Date.parse(modified))).toBe(false);

      const again = await send(url, "/", {
        headers: { "accept-encoding": "br", "if-none-match": `"other", ${etag}` },
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      // The br validator does not match the identity representation.
      expect((await send(url, "/", { headers: { "if-none-match": etag } })).status).toBe(200);
      expect((await send(url, "/", { headers: { "if-none-match": '"stale"' } })).status).toBe(200);

      const since = await send(url, "/", { headers: { "if-modified-since": modified } });
      expect(since.status).toBe(304);
      const older = new Date(Date.parse(modified) - 60_000).toUTCString();
      expect((await send(url, "/", { headers: { "if-modified-since": older } })).status).toBe(200);
      // If-None-Match wins over If-Modified-Since.
      const both = await send(url, "/", {
        headers: { "if-none-match": '"stale"', "if-modified-since": modified },
      });
      expect(both.status).toBe(200);
    });
  });

  it("item 15: a client that stops reading is dropped after the response timeout", async () => {
    await withServer({ responseTimeoutMs: 1000 }, async (url) => {
      const socket = rawGet(url, "/big.bin");
      socket.pause();
      // Well past the timeout; then take what the kernel had buffered before the drop.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      let received = 0;
      let closed = false;
      await new Promise<void>((resolve) => {
        // Ends when the server has closed the connection, or has sent everything (the bug).
        socket.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > big.length) resolve();
        });
        socket.on("error", () => {});
        socket.on("close", () => {
          closed = true;
          resolve();
        });
        socket.resume();
      });
      socket.destroy();
      expect(closed).toBe(true);
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(big.length);
    });
  });

  it("item 15: a slow client that keeps reading is served in full despite a short timeout", async () => {
    await withServer({ responseTimeoutMs: 1500 }, async (url) => {
      const socket = rawGet(url, "/big.bin");
      let received = 0;
      socket.on("data", (chunk: Buffer) => {
        received += chunk.length;
        // About 64 KiB per 5 ms: seconds for the whole file, far longer than the timeout.
        socket.pause();
        setTimeout(() => socket.resume(), 5);
      });
      const started = Date.now();
      await new Promise<void>((resolve, reject) => {
        socket.on("error", reject);
        socket.on("close", () => resolve());
        const check = setInterval(() => {
          if (received >= big.length) {
            clearInterval(check);
            socket.destroy();
          }
        }, 50);
      });
      expect(received).toBeGreaterThan(big.length);
      expect(Date.now() - started).toBeGreaterThan(1500);
    });
  }, 60_000);

  it("item 15: connections beyond maxConnections are closed at once; the others are served", async () => {
    await withServer({ maxConnections: 2 }, async (url) => {
      const held = [rawGet(url, "/guide/"), rawGet(url, "/guide/")];
      await Promise.all(held.map((socket) => once(socket, "data")));
      const extra = rawGet(url, "/guide/");
      let answered = false;
      extra.on("data", () => {
        answered = true;
      });
      extra.on("error", () => {});
      await once(extra, "close");
      expect(answered).toBe(false);
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await send(url, "/guide/")).status).toBe(200);
    });
  });

  it("item 15: 300 clients that never read leave the server's memory bounded, and it still serves", async () => {
    // The server runs in a child process so that only its memory is measured.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { startDocsServer } from ${JSON.stringify(pathToFileURL(serverModule).href)};
         const server = await startDocsServer({ dir: process.env.DOCS_DIR, responseTimeoutMs: 600000 });
         let peak = 0;
         const sample = () => { peak = Math.max(peak, process.memoryUsage.rss()); };
         setInterval(sample, 20);
         process.on("message", (what) => { if (what === "reset") peak = 0; sample(); process.send(peak); });
         process.on("disconnect", () => process.exit(0));
         process.send(server.url);`,
      ],
      { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, DOCS_DIR: site } },
    );
    const sockets: Socket[] = [];
    try {
      const ask = async (what: string) => {
        child.send(what);
        return Number((await once(child, "message"))[0]);
      };
      const [url] = (await once(child, "message")) as [string];
      // Warm up, then measure from here.
      expect((await send(url, "/")).body.length).toBe(page.length);
      const before = await ask("reset");

      await Promise.all(
        Array.from({ length: 300 }, () => {
          const socket = rawGet(url, "/");
          sockets.push(socket);
          // Each has begun to receive its response, then stops reading for good.
          return once(socket, "data").then(() => socket.pause());
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const normal = await send(url, "/");
      expect(normal.status).toBe(200);
      expect(normal.body.equals(page)).toBe(true);
      const growthMiB = ((await ask("peak")) - before) / 2 ** 20;
      console.log(`docs server RSS growth with 300 silent clients: ${growthMiB.toFixed(1)} MiB`);
      // Before the fix each silent client pinned its own copy of the page (+316 MB).
      expect(growthMiB).toBeLessThan(120);
    } finally {
      for (const socket of sockets) socket.destroy();
      child.kill();
    }
  }, 90_000);
});

describe("item 16: headers, methods and what may be served", () => {
  it("item 16: every response carries CSP (with frame-ancestors), X-Frame-Options, Referrer-Policy, nosniff", async () => {
    await withServer({}, async (url) => {
      const replies = await Promise.all([
        send(url, "/"),
        send(url, "/missing"),
        send(url, "/", { method: "POST" }),
        send(url, "/%ff"),
      ]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 404, 405, 400]);
      for (const { headers } of replies) {
        expect(headers["content-security-policy"]).toBe(
          `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
        );
        expect(headers["x-frame-options"]).toBe("DENY");
        expect(headers["referrer-policy"]).toBe("no-referrer");
        expect(headers["x-content-type-options"]).toBe("nosniff");
      }
    });
  });

  it("scripts and stylesheets carry their types, which nosniff requires, and are compressed", async () => {
    await withServer({}, async (url) => {
      const headers = { "accept-encoding": "br" };
      const [script, style] = await Promise.all([
        send(url, "/app.js", { headers }),
        send(url, "/app.css", { headers }),
      ]);
      expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(style.headers["content-type"]).toBe("text/css; charset=utf-8");
      for (const reply of [script, style]) expect(reply.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(script.body).toString()).toMatch(/^console\.log\("x+"\);$/);
    });
  });

  it("item 16: methods other than GET and HEAD get 405 with Allow: GET, HEAD", async () => {
    await withServer({}, async (url) => {
      for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
        const reply = await send(url, "/", { method });
        expect(reply.status, method).toBe(405);
        expect(reply.headers.allow, method).toBe("GET, HEAD");
      }
      const head = await send(url, "/", { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers["content-length"]).toBe(String(page.length));
      expect(head.body.length).toBe(0);
    });
  });

  it("item 16: symlinks out of dist and dot segments are 404; a symlink inside dist is served", async () => {
    await withServer({}, async (url) => {
      for (const path of [
        "/passwd",
        "/secret.txt",
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/guide/../../secret.txt",
      ]) {
        const reply = await send(url, path);
        expect(reply.status, path).toBe(404);
        expect(reply.body.toString(), path).not.toMatch(/root:|outside dist/);
      }
      expect((await send(url, "/guide.html")).body.toString()).toBe("<p>guide</p>");
      expect((await send(url, "/guide/")).body.toString()).toBe("<p>guide</p>");
    });
  });

  it("item 16: malformed percent-encoding is 400, and the server keeps serving", async () => {
    await withServer({}, async (url) => {
      for (const path of ["/%ff", "/%zz", "/%e0%80", "/index.html%"]) {
        const reply = await send(url, path);
        expect(reply.status, path).toBe(400);
        expect(reply.body.toString(), path).toMatch(/percent-encoding/);
      }
      expect((await send(url, "/index.html")).status).toBe(200);
    });
  });
});

describe("serve.mjs", () => {
  function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [serveScript, ...args], {
      env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    return once(child, "exit").then(([code]) => ({ code, out }));
  }

  it("a port in use names the port and how to move it, exits 1, and prints no stack", async () => {
    const holder = createHttpServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as { port: number };
    try {
      for (const [args, env, source] of [
        [["--port", String(port)], {}, "--port"],
        [[], { SIGNEREID_DOCS_PORT: String(port) }, "SIGNEREID_DOCS_PORT"],
      ] as const) {
        const { code, out } = await run([...args], { ...env });
        expect(code).toBe(1);
        expect(out).toContain(`Port ${port}`);
        expect(out).toContain(`from ${source}`);
        expect(out).toMatch(/--port <n> or SIGNEREID_DOCS_PORT=<n>/);
        expect(out).not.toMatch(/\n\s+at /);
      }
    } finally {
      holder.close();
    }
  });

  it("answers --help and --version, and refuses a bad port with usage", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--port.*SIGNEREID_DOCS_PORT/s);
    const version = await run(["--version"]);
    expect(version.code).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = await run(["--port", "80x"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('Invalid port "80x" (from --port)');
  });
});
