// Attack review 2: deep links with hashes naming no operation, in Chromium over loopback.
import {
  type BrowserContext,
  launchChromium,
  type Page,
  refuseOtherOrigins,
} from "@signereid/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDocsServer } from "../src/server.mjs";

let server: Awaited<ReturnType<typeof startDocsServer>>;
let context: BrowserContext;

beforeAll(async () => {
  server = await startDocsServer();
  context = await launchChromium();
  await refuseOtherOrigins(context, [server.url]);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** Where the page stands once parsed, before Redoc's script has run. */
async function parsed(hash: string, javaScript = true) {
  const page: Page = await context.newPage();
  try {
    if (!javaScript) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    }
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url + hash, { waitUntil: "domcontentloaded" });
    return await page.evaluate((dialogCount) => {
      const view = document.getElementById("first-view");
      const redoc = document.getElementById("redoc");
      return {
        landingHidden: !!redoc && getComputedStyle(redoc).contentVisibility === "hidden",
        viewShown: !!view && getComputedStyle(view).display !== "none",
        sectionShown: Array.from(view?.querySelectorAll("section") ?? []).some(
          (section) => getComputedStyle(section).display !== "none",
        ),
        injected: document.querySelectorAll("img[src=x]").length + dialogCount,
      };
    }, dialogs.length);
  } finally {
    await page.close();
  }
}

describe("attack: deep links naming no operation", () => {
  it.each([
    ["#/nope/nothing", "#/nope/nothing"],
    ["#/", "#/"],
    ["an <img onerror> hash", "#<img src=x onerror=alert(1)>"],
    ["a 100 000-character hash", `#${"a".repeat(100_000)}`],
  ])(
    "attack: %s keeps the landing page drawable (no blank page until Redoc's 3 s fallback)",
    async (_, hash) => {
      const state = await parsed(hash);
      expect(state.injected).toBe(0);
      expect(state.viewShown).toBe(false);
      expect(state.landingHidden).toBe(false);
    },
  );

  it("attack: with JavaScript off, Redoc's own id as the hash does not cover the page with an empty view", async () => {
    const state = await parsed("#signereid/getsignereidsession", false);
    expect(state.viewShown).toBe(state.sectionShown);
  });
});
