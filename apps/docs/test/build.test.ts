import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, rewriteForOffline } from "../src/offline.mjs";
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

describe("the built site", () => {
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
      for (const path of [
        "missing.html",
        "..%2fpackage.json",
        "%2e%2e/%2e%2e/package.json",
        "%ff",
      ]) {
        expect((await fetch(url + path)).status, path).toBe(404);
      }
      expect((await fetch(url, { method: "POST" })).status).toBe(404);
    } finally {
      await close();
    }
  });
});
