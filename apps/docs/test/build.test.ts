import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, READABLE_CSS, rewriteForOffline } from "../src/offline.mjs";
import { defaultDir, startDocsServer } from "../src/server.mjs";

describe("rewriteForOffline", () => {
  const input =
    '<html><head><title>x</title></head><body><script>a="https://cdn.redoc.ly/redoc/logo-mini-full.svg";b="https://cdn.redoc.ly/redoc/logo-mini.svg";c={fa:`https://cdn.redocly.com/icons/fa/7.0.0`};d="https://redocly.com/learn/x"</script></body></html>';
  const { html, remaining } = rewriteForOffline(input, {
    favicon: "data:image/svg+xml;base64,AA==",
    logo: "data:image/svg+xml;base64,BB==",
  });

  it("replaces every URL the page would fetch from Redocly's CDNs", () => {
    expect(remaining).toEqual([]);
    expect(html).not.toMatch(/cdn\.redoc(ly)?\.(ly|com)/);
    expect(html).toContain('a="data:image/svg+xml;base64,BB=="');
  });

  it("leaves documentation links that are never fetched", () => {
    expect(html).toContain("https://redocly.com/learn/x");
  });

  it("declares a favicon and a CSP that allows no other origin", () => {
    expect(html).toContain(
      '<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,AA==">',
    );
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});

describe("the Redoc settings (redocly.yaml)", () => {
  const text = readFileSync(join(import.meta.dirname, "../redocly.yaml"), "utf8");
  // The options under `openapi:` (two-space indent); the file is small and flat enough to read so.
  const options = [...text.matchAll(/^ {2}([A-Za-z]+):/gm)].map((match) => match[1]);

  it("list only options Redoc 3 reads: Redoc 2's theme and friends are ignored silently", () => {
    expect(options.sort()).toEqual(
      [
        "codeSamples",
        "downloadUrls",
        "hideLoading",
        "jsonSamplesExpandLevel",
        "showExtensions",
      ].sort(),
    );
    expect(text).not.toMatch(/^\s*theme:/m);
  });

  it("offer the bundle for download and keep x-evidence out of sight as raw JSON", () => {
    expect([...text.matchAll(/url: (\S+)/g)].map((match) => match[1])).toEqual([
      "openapi.yaml",
      "openapi.json",
    ]);
    expect(text).toMatch(/^ {2}showExtensions: false$/m);
  });
});

describe("the built site", () => {
  it("carries the style that keeps identifiers whole", () => {
    const html = readFileSync(join(defaultDir, "index.html"), "utf8");
    expect(html).toContain(`<style>${READABLE_CSS}</style>`);
    expect(READABLE_CSS).toMatch(/word-break:normal!important;overflow-wrap:normal!important/);
  });

  it("has no reference to another origin that a browser would load", () => {
    const html = readFileSync(join(defaultDir, "index.html"), "utf8");
    expect(html).not.toMatch(
      /cdn\.redoc\.ly|cdn\.redocly\.com|fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr/,
    );
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
  });

  it("offers the bundled spec beside it, identical to the bundle", () => {
    const bundled = readFileSync(
      join(import.meta.dirname, "../node_modules/@signereid/openapi/dist/openapi.json"),
      "utf8",
    );
    expect(readFileSync(join(defaultDir, "openapi.json"), "utf8")).toBe(bundled);
    expect(readFileSync(join(defaultDir, "openapi.yaml"), "utf8")).toMatch(/^openapi: 3\.1\.0/);
  });
});

describe("the docs server", () => {
  it("serves the files with their content types, and nothing outside dist", async () => {
    const { url, close } = await startDocsServer();
    try {
      const types = await Promise.all(
        ["", "index.html", "openapi.yaml", "openapi.json"].map(async (path) =>
          (await fetch(url + path)).headers.get("content-type"),
        ),
      );
      expect(types).toEqual([
        "text/html; charset=utf-8",
        "text/html; charset=utf-8",
        "application/yaml; charset=utf-8",
        "application/json; charset=utf-8",
      ]);
      for (const path of ["missing.html", "..%2fpackage.json", "%2e%2e/%2e%2e/package.json"]) {
        expect((await fetch(url + path)).status, path).toBe(404);
      }
      // Malformed percent-encoding and other methods are refused, not looked up (server.test.ts).
      expect((await fetch(`${url}%ff`)).status).toBe(400);
      expect((await fetch(url, { method: "POST" })).status).toBe(405);
    } finally {
      await close();
    }
  });
});
