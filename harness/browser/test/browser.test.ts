// The harness in a real Chromium: a page on loopback loads its own origin, and a request to any
// other origin (another port on the same host included) is refused and listed.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type BrowserContext,
  findChromium,
  launchChromium,
  refuseOtherOrigins,
} from "../src/index.js";

let context: BrowserContext;
let PAGE = ""; // its own image, one on another port of the same host, one off this machine
const server = createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/html" });
  res.end(req.url === "/" ? PAGE : "ok");
});

beforeAll(async () => {
  await once(server.listen(0, "127.0.0.1"), "listening");
  const { port } = server.address() as AddressInfo;
  PAGE = `<img src="/own.png"><img src="http://127.0.0.1:${port + 1}/other-port.png"><img src="http://203.0.113.7/off.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`;
  context = await launchChromium();
}, 60_000);
afterAll(async () => {
  await context?.close();
  server.close();
});

it("finds a Chromium binary", () => {
  expect(findChromium()).toMatch(/chrom/);
});

it("lets the page's own origin and data: through, and refuses every other origin", async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const refused = await refuseOtherOrigins(context, [url]);
  const page = await context.newPage();
  const loaded: string[] = [];
  page.on("requestfinished", (request) => loaded.push(request.url()));
  await page.goto(url, { waitUntil: "load" });
  expect(refused.sort()).toEqual(
    [
      `http://127.0.0.1:${(server.address() as AddressInfo).port + 1}/other-port.png`,
      "http://203.0.113.7/off.png",
    ].sort(),
  );
  expect(loaded).toContain(`${url}own.png`);
});
