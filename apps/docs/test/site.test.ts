// The built site in a real browser (Debian Chromium via playwright-core), served from loopback:
// everything a reader needs is there, and the page makes no request to any other origin.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDir, startDocsServer } from "../src/server.mjs";
import { launchChromium } from "./browser.js";

const screenshots = join(import.meta.dirname, "..", "screenshots");
let server: Awaited<ReturnType<typeof startDocsServer>>;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const offOrigin: string[] = [];
const failed: string[] = [];
const consoleErrors: string[] = [];
let operationVisibleMs = 0;

beforeAll(async () => {
  server = await startDocsServer();
  context = await launchChromium();
  const origin = new URL(server.url).origin;
  // As on a machine with no network: anything for another origin is recorded and refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || /^(data|blob|file):/.test(url)) return route.continue();
    offOrigin.push(url);
    return route.abort("internetdisconnected");
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (request) => requests.push(request.url()));
  page.on("requestfailed", (request) =>
    failed.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  const started = Date.now();
  await page.goto(server.url);
  await page.getByText("SignereID", { exact: true }).first().click();
  await page.getByText("Retrieve a SignereID session").first().click();
  await page.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
  operationVisibleMs = Date.now() - started;
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe("the docs site in Chromium", () => {
  it("reaches the operation through the sidebar, at its own route", () => {
    expect(page.url()).toMatch(/#\/signereid\/getsignereidsession$/);
  });

  it("shows the Deprecated badge on the operation", async () => {
    await expect(page.getByText("Deprecated", { exact: true }).first().isVisible()).resolves.toBe(
      true,
    );
  });

  it("renders both code samples, the TypeScript client and curl + openssl", async () => {
    await expect(page.getByText("createSignereIdClient").first().isVisible()).resolves.toBe(true);
    await page.getByText("@signereid/client", { exact: true }).first().click();
    await page.getByText("curl + openssl").first().click();
    await expect(
      page.getByText("openssl dgst", { exact: false }).first().isVisible(),
    ).resolves.toBe(true);
  });

  it("offers the 200 response as JSON and as XML", async () => {
    const json = page.getByText("application/json", { exact: true }).first();
    await json.scrollIntoViewIfNeeded();
    await json.click();
    await page.getByText("application/xml", { exact: true }).last().click();
    await expect(
      page.getByText("<SignereIdResponse", { exact: false }).first().isVisible(),
    ).resolves.toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "operation.png") });
  });

  it("shows the signing guide with its test vector, and the migration guide", async () => {
    await page.getByText("Signing a request", { exact: true }).first().click();
    await page.getByRole("heading", { name: "Signing a request" }).waitFor();
    await expect(
      page
        .getByText("03A5727858B9DDED535A3F5BDA5EA5FAEFD95BFB", { exact: false })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByText("Lowercase hex.", { exact: false }).first().isVisible(),
    ).resolves.toBe(true);
    await page.getByText("Deprecation and migration", { exact: true }).first().click();
    await page.getByRole("heading", { name: "Deprecation and migration" }).waitFor();
    await expect(
      page.getByText("EnvironmentInfo.UserAgent", { exact: false }).first().isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText("USERABORTED", { exact: false }).first().isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: join(screenshots, "signing-guide.png") });
  });

  it("shows the personal-data note on SocialSecurityNumber", async () => {
    await page.goto(`${server.url}#/signereid/getsignereidsession`);
    await page.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
    await page.getByText("SocialSecurityNumber", { exact: true }).first().scrollIntoViewIfNeeded();
    const note = page
      .getByText("Sensitive personal data", { exact: false })
      .filter({ visible: true });
    await expect(note.count()).resolves.toBeGreaterThan(0);
  });

  it("made zero requests to other origins, zero failed requests, zero console errors", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(offOrigin).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("reports its size and render time", () => {
    const html = readFileSync(join(defaultDir, "index.html"));
    const gzip = gzipSync(html, { level: 9 }).length;
    console.log(
      `docs: index.html ${(html.length / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip; operation visible through the sidebar ${operationVisibleMs} ms after navigation; screenshots in ${screenshots}`,
    );
    expect(operationVisibleMs).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(html.length);
  });
});

describe("the docs site from a USB stick (file://, no server)", () => {
  it("renders the operation with no request leaving the file", async () => {
    const local = await context.newPage();
    const seen: string[] = [];
    const errors: string[] = [];
    local.on("request", (request) => seen.push(request.url()));
    local.on("pageerror", (error) => errors.push(error.message));
    await local.goto(
      `${pathToFileURL(join(defaultDir, "index.html")).href}#/signereid/getsignereidsession`,
    );
    await local.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
    expect(seen.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
    expect(errors).toEqual([]);
    await local.close();
  });
});
