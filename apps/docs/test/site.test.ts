// The built site in a real browser (Debian Chromium via playwright-core), served from loopback:
// everything a reader needs is there, and the page makes no request to any other origin.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { loadRecording } from "@signereid/openapi";
import {
  type BrowserContext,
  launchChromium,
  type Page,
  refuseOtherOrigins,
} from "@signereid/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDir, startDocsServer } from "../src/server.mjs";

const screenshots = join(import.meta.dirname, "..", "screenshots");
let server: Awaited<ReturnType<typeof startDocsServer>>;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
let offOrigin: string[] = [];
const failed: string[] = [];
const consoleErrors: string[] = [];
let operationVisibleMs = 0;
/** Redoc has drawn the page: a deep link's static first view (src/first-view.mjs) is gone. */
const redocDrawn = (on: Page) => on.locator("#first-view").waitFor({ state: "detached" });

beforeAll(async () => {
  server = await startDocsServer();
  context = await launchChromium();
  offOrigin = await refuseOtherOrigins(context, [server.url]);
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
  it("the site covers every operation of the spec; create and invalidate take a body", () => {
    expect(OPERATIONS.map((op) => op.operationId).sort()).toEqual([...FLOW].sort());
    expect(OPERATIONS.filter((op) => op.bodyFields.length > 0).map((op) => op.operationId)).toEqual(
      ["createSignereIdSession", "invalidateSignereIdSession"],
    );
  });

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
    const ok = page.getByRole("tab", { name: "200", exact: true }).last();
    await ok.scrollIntoViewIfNeeded();
    await ok.click();
    // The samples panel's media-type menu: JSON first, then XML chosen from it.
    const menu = page
      .getByText("application/json", { exact: true })
      .filter({ visible: true })
      .last();
    await menu.scrollIntoViewIfNeeded();
    await menu.click();
    await page.getByRole("menuitem", { name: "application/xml" }).click();
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
    // The body-signing recipe, with the POST vector of the facts file.
    await expect(
      page.getByText("For a POST or PUT", { exact: false }).first().isVisible(),
    ).resolves.toBe(true);
    const postVector = page.getByText("448EC8DDFDD1340AEA56F2603199D43FAC51619E", { exact: false });
    await postVector.first().scrollIntoViewIfNeeded();
    await expect(postVector.first().isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText('{Timestamp:"2017-08-21T10:00:00",Httpverb:"POST"}', { exact: false })
        .first()
        .isVisible(),
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
    await redocDrawn(page);
    await page.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
    await page.getByText("SocialSecurityNumber", { exact: true }).first().scrollIntoViewIfNeeded();
    const note = page
      .getByText("Sensitive personal data", { exact: false })
      .filter({ visible: true });
    await expect(note.count()).resolves.toBeGreaterThan(0);
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

const ERROR_STATUSES = ["400", "401", "403", "404", "500"];

// Every operation of the bundle the site was built from, with what its page must show.
type Node = any;
const bundle: Node = JSON.parse(readFileSync(join(defaultDir, "openapi.json"), "utf8"));
const resolve = (node: Node): Node =>
  node?.$ref
    ? resolve(
        node.$ref
          .split("/")
          .slice(1)
          .reduce((at: Node, key: string) => at?.[key], bundle),
      )
    : node;
/** The text that identifies an example's body in the samples panel (empty for an empty body). */
function needleOf(value: unknown): string {
  if (typeof value === "string") return value.split("\n")[0]?.replace(/^"|"$/g, "") ?? "";
  if (value !== null && typeof value === "object") return Object.keys(value)[0] ?? "";
  return String(value);
}
const OPERATIONS = Object.values(bundle.paths as Record<string, Record<string, Node>>)
  .flatMap((item) => Object.values(item).filter((op) => op?.operationId))
  .map((op) => ({
    operationId: op.operationId as string,
    summary: op.summary as string,
    deprecated: op.deprecated === true,
    route: `${op.tags[0].toLowerCase()}/${op.operationId.toLowerCase()}`,
    samples: op["x-codeSamples"] as { lang: string; label: string }[],
    bodyFields: Object.keys(
      resolve(resolve(resolve(op.requestBody)?.content?.["application/json"])?.schema)
        ?.properties ?? {},
    ),
    responses: Object.entries(op.responses as Record<string, Node>).map(([status, entry]) => {
      const [mediaType, content] = Object.entries(resolve(entry).content ?? {})[0] ?? [];
      const example = resolve(Object.values((content as Node)?.examples ?? {})[0]);
      // An empty body is told by its description, which Redoc shows above the sample.
      const description = String(example?.description ?? "")
        .replace(/[*_`]/g, "")
        .replace(/\s+/g, " ")
        .slice(0, 120);
      return {
        status,
        mediaType,
        found: Boolean(example),
        description,
        needle: needleOf(example?.value),
      };
    }),
  }));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The calls of a login, in the order the introduction's flow gives them. */
const FLOW = [
  "getServerTime",
  "createSignereIdSession",
  "getSignereIdSessionCompleted",
  "getSignereIdSession",
  "invalidateSignereIdSession",
];

describe.each(OPERATIONS)("the $operationId page", (operation) => {
  const section = () => page.locator(`[id="${operation.route}"]`);
  beforeAll(async () => {
    await page.goto(`${server.url}#/${operation.route}`);
    await page.reload(); // a fresh page: no tab or sample left selected by an earlier step
    await redocDrawn(page);
    await page.getByRole("heading", { name: operation.summary }).waitFor();
  });

  it("its heading, its deprecation and its evidence line", async () => {
    await expect(
      section().getByRole("heading", { name: operation.summary }).isVisible(),
    ).resolves.toBe(true);
    const badge = section().getByText("Deprecated", { exact: true }).filter({ visible: true });
    // The server time is not marked deprecated by the spec (not documented); its page says so.
    await expect(badge.count()).resolves.toBe(operation.deprecated ? 1 : 0);
    if (!operation.deprecated) {
      await expect(
        section()
          .getByText("Whether this call was deprecated", { exact: false })
          .first()
          .isVisible(),
      ).resolves.toBe(true);
    }
    const evidence = section()
      .getByText(/^Evidence: /)
      .filter({ visible: true });
    await expect(evidence.count()).resolves.toBeGreaterThan(0);
  });

  it("its code samples: the TypeScript client, then curl", async () => {
    expect(operation.samples.map((sample) => sample.lang)).toEqual(["TypeScript", "Shell"]);
    const labels = operation.samples.map((sample) => sample.label);
    const [typescript = "", shell = ""] = labels;
    const code = (text: string) =>
      section().locator("pre").filter({ hasText: text }).filter({ visible: true });
    // Redoc remembers the sample last chosen on any page, so each is chosen here explicitly.
    const choose = async (label: string) => {
      await section()
        .locator("button[aria-haspopup=menu]")
        .filter({ hasText: new RegExp(`^(${labels.map(escapeRegExp).join("|")})$`) })
        .click();
      // The menu opens outside the operation's section.
      await page.getByRole("menuitem", { name: label, exact: true }).click();
    };
    // Polled: the chosen sample is drawn by a render after the click, not in it.
    await choose(typescript);
    await expect.poll(() => code(`client.${operation.operationId}(`).count()).toBe(1);
    await choose(shell);
    await expect.poll(() => code("curl -sS").count()).toBe(1);
    const signed = operation.operationId !== "getServerTime";
    await expect(code("openssl dgst").count()).resolves.toBe(signed ? 1 : 0);
  });

  // Only create and invalidate have a body (checked below, in "every operation of the spec").
  if (operation.bodyFields.length > 0)
    it("its request body, every field", async () => {
      const request = section()
        .getByTestId("middle-panel")
        .filter({ has: page.getByText("Request", { exact: true }) });
      for (const field of operation.bodyFields) {
        const name = request.getByText(field, { exact: true }).filter({ visible: true });
        await expect(name.count(), field).resolves.toBeGreaterThan(0);
      }
    });

  it("an example on every response tab", async () => {
    expect(operation.responses.length).toBeGreaterThan(1);
    const panel = section()
      .getByTestId("right-panel")
      .filter({ has: page.getByText("Response", { exact: true }) });
    for (const { status, found, description, needle } of operation.responses) {
      expect(found, `${status} has an example`).toBe(true);
      const tab = section().getByRole("tab", { name: status, exact: true });
      await tab.scrollIntoViewIfNeeded();
      await tab.click();
      if (needle) {
        const sample = panel
          .locator("pre, code, [data-testid=json-viewer]")
          .filter({ hasText: needle })
          .filter({ visible: true });
        await expect
          .poll(() => sample.count(), { message: `${status}: ${needle}` })
          .toBeGreaterThan(0);
      } else {
        await expect
          // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not hidden text
          .poll(async () => (await panel.innerText()).replace(/\s+/g, " "), { message: status })
          .toContain(description);
      }
    }
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${operation.operationId}-examples.png`) });
  });
});

/** Words of headings, inline code and field names that a line break splits mid-word. */
function wordsBrokenMidWord(): string[] {
  const broken: string[] = [];
  const selector = "h1, h2, h3, h4, h5, h6, :not(pre) > code, .schema-name";
  for (const element of Array.from(document.querySelectorAll(selector))) {
    if (!(element as HTMLElement).offsetParent) continue; // hidden
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      // A break at a hyphen or a slash, at a URL's `?`, `&`, `=` or `|`, or at the punctuation
      // of a JSON-like token (`{Timestamp:"<timestamp>",…}`), is a break between words;
      // anything else is mid-word.
      for (const match of text.matchAll(/[^\s/?&=|{}<>",:-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)),
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}

describe.each([
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
])("what a reader meets at $width×$height", (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let view: Page;
  beforeAll(async () => {
    view = await context.newPage();
    view.on("pageerror", (error) => consoleErrors.push(error.message));
    view.setDefaultTimeout(10_000); // a step that cannot find its element says which
    await view.setViewportSize(viewport);
    await view.goto(server.url);
    await view.getByText("Deprecated: the real API is gone").first().waitFor();
  });
  afterAll(() => view?.close());
  const openOperation = async () => {
    await view.goto(`${server.url}#/signereid/getsignereidsession`);
    await view.reload(); // a fresh page: no tab left selected by an earlier step
    await redocDrawn(view);
    await view.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
  };

  it("the deprecation, its shutdown date and where to go, on the first screen", async () => {
    const note = view.locator("blockquote").filter({ hasText: "Deprecated: the real API is gone" });
    await expect(note.isVisible()).resolves.toBe(true);
    const box = await note.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await expect(note.textContent()).resolves.toMatch(/end of 2018[\s\S]*identification API/);
    mkdirSync(screenshots, { recursive: true });
    await view.screenshot({ path: join(screenshots, `landing-${size}.png`) });
  });

  it("the licence line says it covers this description and toolkit, not the vendor's API", async () => {
    const licence = view.getByText("MIT: this description and its toolkit, not the vendor's API");
    await licence.first().scrollIntoViewIfNeeded();
    await expect(licence.first().isVisible()).resolves.toBe(true);
  });

  it("visible download links for openapi.yaml and openapi.json, which work", async () => {
    for (const file of ["openapi.yaml", "openapi.json"]) {
      const link = view.getByRole("link", { name: file }).first();
      await link.scrollIntoViewIfNeeded();
      await expect(link.isVisible(), file).resolves.toBe(true);
      const href = new URL((await link.getAttribute("href")) ?? "", view.url()).href;
      expect((await fetch(href)).status, href).toBe(200);
    }
  });

  it("the evidence table, generated from the labels", async () => {
    for (const level of ["confirmed", "likely", "guess", "design"]) {
      const cell = view.locator("td strong", { hasText: new RegExp(`^${level}$`) }).first();
      await cell.scrollIntoViewIfNeeded();
      await expect(cell.isVisible(), level).resolves.toBe(true);
    }
    await expect(view.getByText("SignereIdResponse.DateOfBirth").first().isVisible()).resolves.toBe(
      true,
    );
  });

  it("no identifier breaks mid-word on the landing page and the operation", async () => {
    await view.goto(server.url);
    await view.getByText("Deprecated: the real API is gone").first().waitFor();
    const onLanding = await view.evaluate(wordsBrokenMidWord);
    await openOperation();
    expect({ onLanding, onOperation: await view.evaluate(wordsBrokenMidWord) }).toEqual({
      onLanding: [],
      onOperation: [],
    });
  });

  it("each field's evidence as a readable line, never raw JSON", async () => {
    await openOperation();
    const line = view.getByText(/^Evidence: /).filter({ visible: true });
    await view.getByText("DateOfBirth", { exact: true }).first().scrollIntoViewIfNeeded();
    await expect(line.count()).resolves.toBeGreaterThan(3);
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the inlined script's copy of the spec
    await expect(view.locator("body").innerText()).resolves.not.toMatch(
      /"level"|"sources"|sources: \[/,
    );
    await view.screenshot({ path: join(screenshots, `operation-${size}.png`) });
  });

  it("every error response shows its example: the recorded headers and body", async () => {
    await openOperation();
    for (const status of ERROR_STATUSES) {
      const { headers, body } = loadRecording(`error-${status}.json`).response as {
        headers: Record<string, string>;
        body: string;
      };
      const reason = headers["x-error-reason"];
      expect(body, status).not.toBe("");
      const tab = view.getByRole("tab", { name: status, exact: true }).last();
      await tab.scrollIntoViewIfNeeded();
      await tab.click();
      const shown = view.getByText(`x-error-reason: ${reason}`).filter({ visible: true });
      await expect(shown.count(), status).resolves.toBeGreaterThan(0);
      // The body, in the sample's code box (Redoc shows a stale sample when a body is empty).
      const sample = view.locator("pre, code").filter({ hasText: body }).filter({ visible: true });
      await expect(sample.count(), status).resolves.toBeGreaterThan(0);
      await sample.first().scrollIntoViewIfNeeded();
      await expect(
        view
          .locator("pre")
          .filter({ hasText: "<SignereIdResponse" })
          .filter({ visible: true })
          .count(),
      ).resolves.toBe(0);
    }
    await view.screenshot({ path: join(screenshots, `error-example-${size}.png`) });
  });

  it("the XML example is indented, one element per line", async () => {
    await openOperation();
    // The samples panel: the 200 tab, then its media-type menu.
    const ok = view.getByRole("tab", { name: "200", exact: true }).last();
    await ok.scrollIntoViewIfNeeded();
    await ok.click();
    // Redoc remembers the last media type chosen, so the menu may show either.
    const menu = view
      .getByText(/^application\/(json|xml)$/)
      .filter({ visible: true })
      .last();
    await menu.scrollIntoViewIfNeeded();
    await menu.click();
    await view.getByRole("menuitem", { name: "application/xml" }).click();
    const sample = view
      .locator("pre, code")
      .filter({ hasText: "<SignereIdResponse" })
      .filter({ visible: true })
      .first();
    await sample.scrollIntoViewIfNeeded();
    const text = await sample.textContent();
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/);
    expect(text).toMatch(/\n {2}<DateOfBirth>071283<\/DateOfBirth>\n/);
    expect(text).toMatch(/\n {4}<MetaData>\n {6}<Key>/);
    await view.screenshot({ path: join(screenshots, `xml-example-${size}.png`) });
  });

  it("the login flow comes first, its diagram unwrapped and its steps numbered in order", async () => {
    expect([...FLOW].sort()).toEqual(OPERATIONS.map((op) => op.operationId).sort());
    await view.goto(`${server.url}#/section/the-login-flow`);
    await view.reload();
    const heading = view.getByRole("heading", { name: "The login flow" });
    await heading.waitFor();
    const menu = await view.getByTestId("menu-item-label").allTextContents();
    expect(menu.slice(0, 2)).toEqual([bundle.info.title, "The login flow"]);

    const diagram = view.locator("pre").filter({ hasText: "/api/Status/ServerTime" }).first();
    await heading.scrollIntoViewIfNeeded();
    await expect(diagram.isVisible()).resolves.toBe(true);
    const shape = await diagram.evaluate((pre) => {
      const style = getComputedStyle(pre);
      const text = pre.textContent ?? "";
      const range = document.createRange();
      range.selectNodeContents(pre);
      const rows = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      return {
        whiteSpace: style.whiteSpace,
        scrolls: ["auto", "scroll"].includes(style.overflowX),
        wrapped: rows.size > text.trimEnd().split("\n").length,
        fits: pre.scrollWidth <= pre.clientWidth,
        text,
      };
    });
    // On a phone the diagram scrolls sideways rather than wrap; on a desktop it fits.
    expect(shape).toMatchObject({ whiteSpace: "pre", scrolls: true, wrapped: false });
    if (viewport.width >= 1280) expect(shape.fits).toBe(true);
    const paths = [
      "GET /api/Status/ServerTime",
      "POST /api/SignereId ",
      "GET /api/SignereId/Completed/{RequestId}",
      "GET /api/SignereId/{RequestId}",
      "PUT /api/SignereId/Invalidate",
    ].map((path) => shape.text.replace(/ +/g, " ").indexOf(path));
    expect(
      paths.every((at, i) => at >= 0 && (i === 0 || at > (paths[i - 1] ?? 0))),
      `${paths}`,
    ).toBe(true);

    const steps = view
      .locator("ol")
      .filter({ hasText: FLOW[0] as string })
      .filter({ hasText: FLOW[4] as string })
      .first()
      .locator("li");
    const named = (await steps.locator("code").allTextContents()).filter((id) => FLOW.includes(id));
    expect(named).toEqual(FLOW);
    // The numbers show: a list item that clipped its overflow would hide its own marker.
    const markers = await steps.evaluateAll((items) =>
      items.map((li) => `${getComputedStyle(li).display} ${getComputedStyle(li).overflowX}`),
    );
    expect(new Set(markers)).toEqual(new Set(["list-item visible"]));
    await view.screenshot({ path: join(screenshots, `flow-${size}.png`) });
  });

  it.each(OPERATIONS)("the $operationId page: its heading and deprecation", async (operation) => {
    await view.goto(`${server.url}#/${operation.route}`);
    await view.reload();
    await redocDrawn(view);
    const heading = view.getByRole("heading", { name: operation.summary });
    await heading.waitFor();
    const badge = view
      .locator(`[id="${operation.route}"]`)
      .getByText("Deprecated", { exact: true })
      .filter({ visible: true });
    await expect(badge.count()).resolves.toBe(operation.deprecated ? 1 : 0);
    if (operation.deprecated) {
      const box = await badge.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    await view.screenshot({ path: join(screenshots, `${operation.operationId}-${size}.png`) });
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
    await redocDrawn(local); // Redoc's own render, not only the static first view
    await local.getByRole("heading", { name: "Retrieve a SignereID session" }).waitFor();
    expect(seen.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
    expect(errors).toEqual([]);
    await local.close();
  });
});

describe("after every page above", () => {
  it("made zero requests to other origins, zero failed requests, zero console errors", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(offOrigin).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
