// What a consuming team gets is what is tested: the package is packed, installed from the
// tarball into a scratch project outside the workspace, type-checked, and run as ESM and as
// CommonJS against a loopback server that verifies the signature.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_ID,
  SECONDARY_KEY,
  sendJson,
  signatureIsValid,
  startServer,
  VENDOR_SESSION,
} from "./helpers.js";

const packageDir = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "signereid-consumer-"));
let server: Awaited<ReturnType<typeof startServer>>;
let packedFiles: string[] = [];
let typeCheck = "";

const consumer = (moduleSystem: "esm" | "cjs") => `
${moduleSystem === "esm" ? 'import { createSignereIdClient, SignereIdApiError, type SignereIdSession } from "@signereid/client";' : 'import signereid = require("@signereid/client");\nconst { createSignereIdClient, SignereIdApiError } = signereid;\ntype SignereIdSession = signereid.SignereIdSession;'}

async function main() {
  const client = createSignereIdClient({
    apiId: "${API_ID}",
    secondaryKey: "${SECONDARY_KEY}",
    baseUrl: process.argv[2] as string,
    onDeprecation: false,
  });
  const json: SignereIdSession = await client.getSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2", { metadata: true });
  const xml: SignereIdSession = await client.getSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2", { metadata: true, format: "xml" });
  const missing = await client.getSignereIdSession("unknown").catch((error: unknown) => error);
  console.log(JSON.stringify({ json: json.Name, xml: xml.Name, metaData: xml.MetaData?.length, notFound: missing instanceof SignereIdApiError ? missing.status : "wrong", errorClass: (missing as Error).constructor.name }));
}
main();
`;

// Asynchronous, so the loopback server in this process keeps answering while a consumer runs.
const run = async (command: string, args: string[], cwd: string) =>
  (await promisify(execFile)(command, args, { cwd, encoding: "utf8" })).stdout;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (!signatureIsValid(req, SECONDARY_KEY))
      return sendJson(res, 401, {}, { "x-error-reason": "bad signature" });
    if (!req.url.includes("3Htyxm"))
      return sendJson(res, 404, {}, { "x-error-reason": "no such session" });
    if (req.headers.accept === "application/xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      return res.end(
        '<SignereIdResponse xmlns="urn:x"><MetaData><M><Key>k</Key><Value>v</Value></M></MetaData><Name>Stein Olav Hagen Davidsen</Name></SignereIdResponse>',
      );
    }
    return sendJson(res, 200, VENDOR_SESSION);
  });
  const packed = JSON.parse(
    await run("npm", ["pack", "--json", "--pack-destination", scratch], packageDir),
  );
  packedFiles = packed[0].files.map((file: { path: string }) => file.path);
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      join(scratch, packed[0].filename),
      "typescript@5.9.3",
      "@types/node@20.19.43",
    ],
    scratch,
  );
  writeFileSync(join(scratch, "esm.mts"), consumer("esm"));
  writeFileSync(join(scratch, "cjs.cts"), consumer("cjs"));
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "node16",
        moduleResolution: "node16",
        target: "es2022",
        strict: true,
        types: ["node"],
        outDir: "out",
      },
      files: ["esm.mts", "cjs.cts"],
    }),
  );
  // Compiles the consumers to out/ for the run tests; a type error is reported by its own test.
  typeCheck = await run(join(scratch, "node_modules/.bin/tsc"), ["-p", "."], scratch).then(
    () => "ok",
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the published package", () => {
  it("ships the builds, types, README and licence, and no sources or tests", () => {
    for (const file of [
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      "dist/xml.js",
      "dist/xml.cjs",
      "README.md",
      "LICENSE",
      "package.json",
    ]) {
      expect(packedFiles).toContain(file);
    }
    expect(
      packedFiles.filter(
        (file) =>
          !file.startsWith("dist/") &&
          !["README.md", "LICENSE", "package.json", "CHANGELOG.md"].includes(file),
      ),
    ).toEqual([]);
  });

  it("type-checks in a consumer project (node16 resolution, ESM and CJS)", () => {
    expect(typeCheck).toBe("ok");
  });

  it.each([
    ["ESM", "out/esm.mjs"],
    ["CommonJS", "out/cjs.cjs"],
  ])(
    "runs as %s against a loopback server",
    async (_kind, file) => {
      const output = await run(process.execPath, [file, server.url], scratch);
      expect(JSON.parse(output)).toEqual({
        json: "Stein Olav Hagen Davidsen",
        xml: "Stein Olav Hagen Davidsen",
        metaData: 1,
        notFound: 404,
        errorClass: "SignereIdApiError",
      });
    },
    60_000,
  );
});
