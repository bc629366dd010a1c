// The whole login flow in a real browser (Debian Chromium via playwright-core), on loopback only:
// the example app (its CLI, as a person starts it) and the sandbox, with every other origin
// refused. Each outcome is clicked through the sandbox's login page; each step is a screenshot in
// screenshots/. The app's page HTML and its stdout/stderr never hold a national id.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createSignereIdClient, SignereIdApiError } from "@signereid/client";
import { DEMO_ACCOUNT, PERSONS, type Person, startSandbox } from "@signereid/sandbox";
import {
  type BrowserContext,
  launchChromium,
  type Page,
  refuseOtherOrigins,
} from "@signereid/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const screenshots = join(import.meta.dirname, "..", "screenshots");
const cli = join(import.meta.dirname, "..", "dist", "cli.js");
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let app: ChildProcess;
let appUrl = "";
let appOutput = "";
let context: BrowserContext;
let page: Page;
let offOrigin: string[] = [];
const pagesSeen: string[] = [];
let step = 0;

function personFor(identityProvider: string, index: number): Person {
  const person = PERSONS.filter((p) => p.identityProvider === identityProvider)[index];
  if (!person) throw new Error(`the sandbox has no person ${index} for ${identityProvider}`);
  return person;
}

async function shot(name: string) {
  step += 1;
  await page.screenshot({
    path: join(screenshots, `${String(step).padStart(2, "0")}-${name}.png`),
    fullPage: true,
  });
}

/** From the app's start page to the sandbox's login page, for one identity provider. */
async function startLogin(button: string, name: string) {
  await page.goto(appUrl);
  await shot(`${name}-app-start`);
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(`${sandbox.url}/login/**`);
}

/** Picks a person on the login page, whether it offers them as radios or as a select. */
async function pick(person: Person) {
  const field = page.locator('[name="person"]').first();
  if ((await field.evaluate((element) => element.tagName)) === "SELECT") {
    await field.selectOption(person.id);
  } else {
    await page.locator(`input[name="person"][value="${person.id}"]`).check();
  }
}

/** The app's page after the login page sent the browser back. */
async function landed(name: string): Promise<string> {
  await page.waitForURL(`${appUrl}**`);
  await shot(name);
  const html = await page.content();
  pagesSeen.push(html);
  return html;
}

beforeAll(async () => {
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  sandbox = await startSandbox({ port: 0, log: false });
  app = spawn(process.execPath, [cli], {
    env: {
      ...process.env,
      SIGNEREID_EXAMPLE_PORT: "0",
      SIGNEREID_BASE_URL: sandbox.url,
      SIGNEREID_API_ID: DEMO_ACCOUNT.apiId,
      SIGNEREID_SECONDARY_KEY: DEMO_ACCOUNT.secondaryKey,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    appOutput += chunk;
  });
  app.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    appOutput += chunk;
  });
  while (!appUrl) {
    const [chunk] = (await Promise.race([
      once(app.stdout as NodeJS.ReadableStream, "data"),
      once(app, "exit"),
    ])) as [unknown];
    if (typeof chunk !== "string") throw new Error(`the example app exited:\n${appOutput}`);
    appUrl = /Example relying party on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(appOutput)?.[1] ?? "";
  }

  context = await launchChromium();
  offOrigin = await refuseOtherOrigins(context, [appUrl, sandbox.url]);
  page = context.pages()[0] ?? (await context.newPage());
}, 60_000);

afterAll(async () => {
  await context?.close();
  app?.kill("SIGTERM");
  await sandbox?.close();
});

describe("the login flow in Chromium", () => {
  let firstSuccessUrl = "";

  it("logs in with Norwegian BankID: the app shows that person's name", async () => {
    const person = personFor("NO_BANKID_WEB", 0);
    await startLogin("Log in with BankID (Norway)", "no-bankid");
    await pick(person);
    await shot("no-bankid-login-page");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await landed("no-bankid-app-success");
    firstSuccessUrl = page.url();
    expect(new URL(firstSuccessUrl).pathname).toBe("/success");
    await expect
      .poll(() => page.getByRole("heading").first().textContent())
      .toBe("You are logged in");
    expect(await page.locator("strong").textContent()).toBe(person.Name);
  });

  it("logs in with Swedish BankID, as another person", async () => {
    const person = personFor("SWE_BANKID", 1);
    await startLogin("Log in with BankID (Sweden)", "swe-bankid");
    await pick(person);
    await shot("swe-bankid-login-page");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await landed("swe-bankid-app-success");
    expect(await page.locator("strong").textContent()).toBe(person.Name);
  });

  it("cancels: the app shows its cancel page", async () => {
    await startLogin("Log in with BankID (Norway)", "cancel");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await landed("cancel-app-page");
    expect(new URL(page.url()).pathname).toBe("/cancel");
    expect(await page.getByRole("heading").first().textContent()).toBe("You cancelled");
  });

  it("fails at the provider: the app shows the code and the message, escaped", async () => {
    const message = "PKI modul i SIM kort er blokkert. <b>not bold</b>";
    await startLogin("Log in with BankID (Sweden)", "error");
    await page.getByLabel(/code/i).fill("C307");
    await page.getByLabel(/message/i).fill(message);
    await shot("error-login-page");
    await page.getByRole("button", { name: "Fail with a provider error" }).click();
    const html = await landed("error-app-page");
    expect(new URL(page.url()).pathname).toBe("/error");
    expect(await page.getByRole("heading").first().textContent()).toBe("The login failed");
    expect(await page.locator("p").first().textContent()).toBe(`C307: ${message}`);
    expect(html).not.toContain("<b>not bold</b>");
  });

  it("refuses a second use of the same RequestId after invalidation", async () => {
    await page.goto(firstSuccessUrl);
    await shot("replay-app-page");
    pagesSeen.push(await page.content());
    expect(await page.getByRole("heading").first().textContent()).toBe("Login not recognised");
    // The app refused it itself; the sandbox no longer knows it either.
    const requestId = new URL(firstSuccessUrl).searchParams.get("id") ?? "";
    const client = createSignereIdClient({
      apiId: DEMO_ACCOUNT.apiId,
      secondaryKey: DEMO_ACCOUNT.secondaryKey,
      baseUrl: sandbox.url,
      onDeprecation: false,
    });
    const lookup = client.getSignereIdSession(requestId);
    await expect(lookup).rejects.toBeInstanceOf(SignereIdApiError);
    await expect(lookup).rejects.toMatchObject({ status: 404 });
  });

  it("never renders or logs a national id, and asks no other origin for anything", () => {
    expect(pagesSeen.length).toBeGreaterThanOrEqual(5);
    expect(appOutput).toContain("GET /success 200");
    for (const { SocialSecurityNumber } of PERSONS) {
      for (const html of pagesSeen) expect(html).not.toContain(SocialSecurityNumber);
      expect(appOutput).not.toContain(SocialSecurityNumber);
    }
    expect(offOrigin).toEqual([]);
  });
});
