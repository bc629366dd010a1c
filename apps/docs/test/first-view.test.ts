// The static first view of a deep link (src/first-view.mjs): shown at first paint, with or without
// JavaScript, and gone once Redoc has drawn the operation itself; the landing page is untouched.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BrowserContext,
  launchChromium,
  type Page,
  refuseOtherOrigins,
} from "@signereid/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFirstView, operationsOf } from "../src/first-view.mjs";
import { defaultDir, startDocsServer } from "../src/server.mjs";

const screenshots = join(import.meta.dirname, "..", "screenshots");
const spec = JSON.parse(readFileSync(join(defaultDir, "openapi.json"), "utf8"));
const OPERATIONS = operationsOf(spec) as {
  operationId: string;
  summary: string;
  route: string;
  parameters: { name: string }[];
}[];
const TARGET = OPERATIONS.find((op) => op.operationId === "getSignereIdSession");
let server: Awaited<ReturnType<typeof startDocsServer>>;
let context: BrowserContext;
let offOrigin: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startDocsServer();
  context = await launchChromium();
  offOrigin = await refuseOtherOrigins(context, [server.url]);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** A fresh tab at `viewport`; with `javaScript: false`, no script of the page runs at all. */
async function open(
  path: string,
  { javaScript = true, viewport = { width: 1280, height: 900 } } = {},
): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${path}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${path}: ${error.message}`));
  await page.setViewportSize(viewport);
  if (!javaScript) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  } else {
    // Notes, from before the page's own scripts, whether the first view was ever painted, how
    // Redoc's landing content was rendered then, and whether a paint had been reported when
    // Redoc's script was started.
    await page.addInitScript(() => {
      const w = window as unknown as Seen;
      const look = () => {
        const sections = Array.from(document.querySelectorAll("#first-view section"));
        if (sections.some((section) => section.getBoundingClientRect().height > 0)) {
          w.firstViewSeen = true;
          // #redoc may not be parsed yet, which keeps it out of that frame as well.
          const redoc = document.getElementById("redoc");
          w.landingWhileSeen = redoc ? getComputedStyle(redoc).contentVisibility : "not parsed";
        } else if (!w.firstViewSeen) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
      new MutationObserver((records, observer) => {
        const added = records.flatMap((record) => Array.from(record.addedNodes));
        if (!added.some((node) => node instanceof HTMLScriptElement && node.type === "module"))
          return;
        observer.disconnect();
        w.paintsWhenRedocStarted = performance.getEntriesByType("paint").length;
      }).observe(document, { childList: true, subtree: true });
    });
  }
  await page.goto(server.url + path);
  return page;
}

/** What the init script in `open` notes in the page. */
type Seen = { firstViewSeen?: boolean; landingWhileSeen?: string; paintsWhenRedocStarted?: number };
const seen = (page: Page): Promise<Seen> =>
  page.evaluate(() => {
    const { firstViewSeen, landingWhileSeen, paintsWhenRedocStarted } = window as unknown as Seen;
    return { firstViewSeen, landingWhileSeen, paintsWhenRedocStarted };
  });

/** Whether the first view's first visible `text` is visible and wholly inside the viewport. */
async function inViewport(page: Page, text: string | RegExp): Promise<boolean> {
  const element = page
    .locator("#first-view")
    .getByText(text, { exact: true })
    .filter({ visible: true })
    .first();
  const box = await element.boundingBox();
  const size = page.viewportSize();
  return Boolean(box && size && box.y >= 0 && box.y + box.height <= size.height);
}

describe("the first view in the built page", () => {
  const html = readFileSync(join(defaultDir, "index.html"), "utf8");
  const at = (needle: string) => html.indexOf(needle);

  it("comes before Redoc's markup and script, its watcher between them", () => {
    const view = at('<div id="first-view">');
    expect(view).toBeGreaterThan(at("</head>"));
    expect(view).toBeLessThan(at('<div id="redoc">'));
    expect(at("new MutationObserver")).toBeGreaterThan(at('<div id="redoc">'));
    expect(at("new MutationObserver")).toBeLessThan(
      at('<script type="text/plain" id="redoc-bundle">'),
    );
  });

  it("keeps Redoc's script inline, as text that a script after it runs as a module", () => {
    expect(at('<script type="module">')).toBe(-1);
    const bundle = at('<script type="text/plain" id="redoc-bundle">');
    expect(html.slice(bundle, bundle + 300)).toContain("Redocly LLC");
    expect(at('s.type="module"')).toBeGreaterThan(html.indexOf("</script>", bundle));
  });

  it("holds a section for every operation, with Redoc's route as its ids", () => {
    expect(OPERATIONS.length).toBe(5);
    for (const op of OPERATIONS) {
      expect(html, op.operationId).toContain(`<section id="/${op.route}"><div id="${op.route}"`);
    }
    // A `$` in the markup (a pattern) survives as written.
    expect(html).toContain("<code>^[A-Za-z0-9_-]+$</code>");
  });

  it("refuses a page without Redoc's root or script, saying what to check", () => {
    expect(() => addFirstView("<html><head></head><body></body></html>", spec)).toThrow(
      /no longer has the shape the first view expects[\s\S]*src\/first-view\.mjs/,
    );
  });
});

describe("with JavaScript off", () => {
  it("the deep link shows the operation's summary, a parameter and its evidence in the viewport", async () => {
    const page = await open("#/signereid/getsignereidsession", { javaScript: false });
    expect(TARGET?.parameters[0]?.name).toBe("RequestId");
    for (const text of ["Retrieve a SignereID session", "RequestId", /^Evidence: /]) {
      await expect(inViewport(page, text), `${text}`).resolves.toBe(true);
    }
    const badge = page.locator("#first-view .fv-badge").filter({ visible: true });
    await expect(badge.getByText("Deprecated", { exact: true }).count()).resolves.toBe(1);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "first-view-no-js-1280x900.png") });
    await page.close();
  });

  it.each(OPERATIONS)(
    "$operationId: its heading on the first screen, one section shown",
    async (op) => {
      const page = await open(`#/${op.route}`, { javaScript: false });
      await expect(inViewport(page, op.summary)).resolves.toBe(true);
      const shown = page.locator("#first-view section").filter({ visible: true });
      await expect(shown.count()).resolves.toBe(1);
      await expect(
        page
          .locator("#first-view")
          .getByText(/^Evidence: /)
          .filter({ visible: true })
          .count(),
      ).resolves.toBeGreaterThan(0);
      await page.close();
    },
  );

  it("without a hash, the landing page as before, no first view", async () => {
    const page = await open("", { javaScript: false });
    await expect(page.locator("#first-view").isVisible()).resolves.toBe(false);
    const note = page.locator("blockquote").filter({ hasText: "Deprecated: the real API is gone" });
    await expect(note.isVisible()).resolves.toBe(true);
    await page.close();
  });
});

describe("with JavaScript", () => {
  it.each(OPERATIONS)(
    "$operationId: the first view is painted, then Redoc's section replaces it",
    async (op) => {
      const page = await open(`#/${op.route}`);
      await page.locator("#first-view").waitFor({ state: "detached" });
      const heading = page.getByRole("heading", { name: op.summary });
      await heading.waitFor();
      await expect(heading.count()).resolves.toBe(1);
      await expect(page.locator(`[id="${op.route}"]`).count()).resolves.toBe(1);
      await expect(
        page.locator(`#redoc [id="${op.route}"]`).getByRole("heading").first().isVisible(),
      ).resolves.toBe(true);
      // Painted while Redoc's landing content was kept out of rendering; Redoc started only
      // after a paint was reported; then the landing is rendered again, and Redoc's own scroll
      // brings its section's heading into the viewport.
      const { firstViewSeen, landingWhileSeen } = await seen(page);
      expect(firstViewSeen).toBe(true);
      expect(["hidden", "not parsed"]).toContain(landingWhileSeen);
      await expect(seen(page).then((w) => w.paintsWhenRedocStarted)).resolves.toBeGreaterThan(0);
      await expect(page.locator("#first-view-shown").count()).resolves.toBe(0);
      await expect(
        page.locator("#redoc").evaluate((redoc) => getComputedStyle(redoc).contentVisibility),
      ).resolves.toBe("visible");
      const redocHeading = page.locator(`#redoc [id="${op.route}"]`).getByRole("heading").first();
      await expect
        .poll(async () => {
          const box = await redocHeading.boundingBox();
          return Boolean(box && box.y >= 0 && box.y + box.height <= 900);
        })
        .toBe(true);
      if (op === TARGET) {
        mkdirSync(screenshots, { recursive: true });
        await page.screenshot({ path: join(screenshots, "first-view-replaced-1280x900.png") });
      }
      await page.close();
    },
  );

  it("without a hash, the landing page as before: the first view is never shown, and removed", async () => {
    const page = await open("");
    const note = page.locator("blockquote").filter({ hasText: "Deprecated: the real API is gone" });
    await note.waitFor();
    await page.locator("#first-view").waitFor({ state: "detached" });
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(seen(page).then((w) => w.firstViewSeen)).resolves.toBeUndefined();
    await expect(seen(page).then((w) => w.paintsWhenRedocStarted)).resolves.toBeGreaterThan(0);
    await page.close();
  });
});

describe("the signing requirement", () => {
  it.each([
    ["getServerTime", null],
    ["getSignereIdSession", "ApiId and ApiTimestamp and ApiToken"],
  ])(
    "%s: a Security box with its schemes exactly where Redoc's own render has one",
    async (operationId, schemes) => {
      const op = OPERATIONS.find((o) => o.operationId === operationId);
      const view = await open(`#/${op?.route}`, { javaScript: false });
      const section = view.locator("#first-view section").filter({ visible: true });
      await expect(section.getByText(op?.summary ?? "", { exact: true }).count()).resolves.toBe(1);
      const box = section.locator(".fv-security");
      if (schemes === null) {
        await expect(box.count()).resolves.toBe(0);
        await expect(section.getByText(/ApiId|ApiTimestamp|ApiToken/).count()).resolves.toBe(0);
      } else {
        await expect(box.textContent()).resolves.toMatch(new RegExp(`^Security\\s*${schemes}$`));
      }
      await view.close();
      // Redoc's own section agrees: a Security box exactly when the first view has one.
      const redoc = await open(`#/${op?.route}`);
      const own = redoc.locator(`#redoc [id="${op?.route}"]`);
      await own.getByRole("heading", { name: op?.summary }).waitFor();
      await expect(own.getByText("Security", { exact: true }).count()).resolves.toBe(
        schemes === null ? 0 : 1,
      );
      await redoc.close();
    },
  );
});

describe("after every page above", () => {
  it("no console errors (no hydration mismatch) and no request to another origin", () => {
    expect(consoleErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
