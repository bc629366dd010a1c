// The browser tests' Chromium: Debian's, found on this machine (never downloaded), and a rule
// that keeps every page on loopback. Shared by apps/docs and apps/example-rp.
import { existsSync } from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

// The tests use these types; they come from here so playwright-core has one version and one home.
export type { BrowserContext, Page } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
// URLs that never leave the machine, so they are no other origin to refuse.
const LOCAL_SCHEMES = new Set(["data:", "blob:", "file:"]);

/** CHROMIUM_PATH, else the first Chromium installed where Debian and others put it. */
export function findChromium(): string {
  const path = [process.env.CHROMIUM_PATH, ...CANDIDATES].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!path) {
    throw new Error(
      "No Chromium found for the browser tests. Install Debian's package (apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH.",
    );
  }
  return path;
}

/**
 * A headless Chromium with a fresh profile in a temporary folder: no state between runs. The
 * empty path makes playwright-core create that folder itself and remove it when the browser
 * exits (context.close()), so runs leave no profiles behind.
 */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext("", {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * As on a machine with no network: every request to an origin not in `allowed` is refused
 * (data:, blob: and file: URLs pass). Returns the live list of refused URLs, for a test to
 * expect empty. Origins are compared whole, so http://127.0.0.1:80 does not allow :8080.
 */
export async function refuseOtherOrigins(
  context: BrowserContext,
  allowed: readonly string[],
): Promise<string[]> {
  const origins = new Set(allowed.map((url) => new URL(url).origin));
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (origins.has(url.origin) || LOCAL_SCHEMES.has(url.protocol)) return route.continue();
    refused.push(url.href);
    return route.abort("internetdisconnected");
  });
  return refused;
}
