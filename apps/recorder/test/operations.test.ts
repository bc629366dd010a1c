// Issue 12 item 5: the recorder records every operation of the spec. A real node:http server on
// 127.0.0.1 answers like the API, the real CLI runs as a child process, then the file is read.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadRecordings, validateRecording } from "@signereid/openapi";
import { DEMO_ACCOUNT, startSandbox } from "@signereid/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLACED, SYNTHETIC_LOGIN_URL, SYNTHETIC_REQUEST_ID } from "../src/allow-list.js";
import { OPERATION_IDS } from "../src/operations.js";
import {
  API_ID,
  type HostileServer,
  REQUEST_ID,
  runRecorder,
  startHostileServer,
} from "./hostile-server.js";

const KEY = "operations-test-key";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const NIN = "12057812345";
// A server-made id with digit runs, as real ones may have: it must not reach the file.
const SERVER_ID = "Zq9x81234567PqRsTuVwXyZaBcDeFgHiJkLmNoPq";
const dir = mkdtempSync(join(tmpdir(), "signereid-operations-"));
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI; checks the file against the schema and reads it back with the loader. */
async function record(args: string[], name: string) {
  server.requests.length = 0;
  const result = await runRecorder(server.url, KEY, args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const text = result.text as string;
  expect(validateRecording(JSON.parse(text))).toEqual([]);
  writeFileSync(join(dir, `${name}.json`), text);
  const loaded = loadRecordings(dir).find((r) => r.file === `${name}.json`);
  expect(loaded).toBeDefined();
  expect(server.requests).toHaveLength(1);
  return { text, recording: loaded as NonNullable<typeof loaded>, received: server.requests[0] };
}

function bodyFile(body: unknown): string {
  const file = join(dir, `body-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe("issue 12 item 5: every operation", () => {
  it("item 5: createSignereIdSession: a national id in a return URL and in ExternalReference never reaches the file, the placeholders do; the server's RequestId and Url become synthetic", async () => {
    const request = {
      CancelUrl: "https://shop.internal/cancel",
      ErrorUrl: `https://shop.internal/err?status=[0]&id=[1]&nin=${NIN}`,
      SuccessUrl: `https://shop.internal/ok/${NIN}?ref=[2]&id=[1]`,
      ExternalReference: `customer-${NIN}-[2]`,
      IdentityProvider: "NO_BANKID_WEB",
      Language: "NO",
      PageTitle: "Welcome, Ola Nordmann",
      Domain: "shop.internal",
      UseIframe: false,
      Height: 400,
    };
    server.reply = {
      headers: JSON_TYPE,
      body: JSON.stringify({
        Url: `https://id.signere.no/Start?sessionid=${SERVER_ID}&errorUrl=${Buffer.from(request.ErrorUrl).toString("base64")}`,
        RequestId: SERVER_ID,
        Started: "2017-08-21T10:00:00.1234567",
        Status: "UNKNOWN",
        BankIDMobileReference: "Ola Nordmann",
      }),
    };
    const { text, recording, received } = await record(
      ["createSignereIdSession", "--body-file", bodyFile(request)],
      "create",
    );
    // What was sent is the real body: the id was on the wire, signed.
    expect(received?.method).toBe("POST");
    expect(received?.body).toContain(NIN);
    expect(received?.headers["api-token"]).toBeDefined();
    for (const leak of [NIN, SERVER_ID, "shop.internal", "Ola", "customer", "id.signere.no"]) {
      expect(text, `leaked ${leak}`).not.toContain(leak);
    }
    expect(recording.request).toEqual({
      method: "POST",
      path: "/api/SignereId",
      query: {},
      headers: { Accept: "application/json", "Content-Type": "application/json; charset=UTF-8" },
      body: {
        CancelUrl: "https://rp.example/cancel",
        ErrorUrl: "https://rp.example/error?status=[0]&id=[1]",
        SuccessUrl: "https://rp.example/success?id=[1]&ref=[2]",
        ExternalReference: "synthetic-reference-[2]",
        IdentityProvider: "NO_BANKID_WEB",
        Language: "NO",
        PageTitle: "Synthetic page title",
        Domain: "rp.example",
        UseIframe: false,
        Height: 400,
      },
    });
    expect(recording.response.body).toEqual({
      Url: SYNTHETIC_LOGIN_URL,
      RequestId: SYNTHETIC_REQUEST_ID,
      Started: "2017-08-21T10:00:00.123",
      Status: "UNKNOWN",
      BankIDMobileReference: REPLACED,
    });
    // One RequestId in the whole file: the synthetic one (in RequestId and in Url).
    expect(text.match(new RegExp(SYNTHETIC_REQUEST_ID, "g"))).toHaveLength(2);
    expect(recording.expected).toEqual(recording.response.body);
  });

  it("item 5: invalidateSignereIdSession: a PUT with its body {RequestId}, an empty 2xx expected as null", async () => {
    server.reply = { body: "" };
    const { recording, received } = await record(
      ["invalidateSignereIdSession", "--request-id", REQUEST_ID],
      "invalidate",
    );
    expect(received?.method).toBe("PUT");
    expect(JSON.parse(received?.body ?? "")).toEqual({ RequestId: REQUEST_ID });
    expect(recording.operationId).toBe("invalidateSignereIdSession");
    expect(recording.request).toEqual({
      method: "PUT",
      path: "/api/SignereId/Invalidate",
      query: {},
      headers: { Accept: "*/*", "Content-Type": "application/json; charset=UTF-8" },
      body: { RequestId: REQUEST_ID },
    });
    expect(recording.response).toEqual({ status: 200, headers: {}, body: "" });
    expect(recording.expected).toBeNull();
  });

  it("item 5: getSignereIdSessionCompleted: the {Done} form is kept, any other string in it replaced, expected is the client's boolean", async () => {
    server.reply = {
      headers: JSON_TYPE,
      body: JSON.stringify({ Done: true, Who: `Ola ${NIN}`, Count: 1234567 }),
    };
    const { text, recording, received } = await record(
      ["getSignereIdSessionCompleted", "--request-id", REQUEST_ID],
      "completed",
    );
    expect(received?.url).toBe(`/api/SignereId/Completed/${REQUEST_ID}`);
    expect(text).not.toContain(NIN);
    expect(text).not.toContain("1234567");
    expect(recording.request.path).toBe(`/api/SignereId/Completed/${REQUEST_ID}`);
    expect(recording.response.body).toEqual({ Done: true, Who: REPLACED, Count: 0 });
    expect(recording.expected).toBe(true);
  });

  it("item 5: getServerTime: unsigned (the server sees no API-* header), the timestamp kept in its form", async () => {
    server.reply = { headers: JSON_TYPE, body: '"2024-05-01T12:34:56.1234567"' };
    const { recording, received } = await record(["getServerTime"], "server-time");
    expect(received?.method).toBe("GET");
    expect(received?.url).toBe("/api/Status/ServerTime");
    expect(Object.keys(received?.headers ?? {}).filter((name) => /^api-/i.test(name))).toEqual([]);
    expect(recording.request).toEqual({
      method: "GET",
      path: "/api/Status/ServerTime",
      query: {},
      headers: { Accept: "application/json" },
    });
    // A JSON string body is stored as its raw text; the fraction is cut to 3 digits.
    expect(recording.response.body).toBe('"2024-05-01T12:34:56.123"');
    expect(recording.expected).toEqual({
      time: "2024-05-01T12:34:56.123Z",
      raw: "2024-05-01T12:34:56.123",
    });
  });

  it("item 5: getServerTime: a body the client refuses (not a timestamp) is not recorded, and the message quotes none of it", async () => {
    server.reply = { status: 200, headers: JSON_TYPE, body: JSON.stringify(`Ola ${NIN}`) };
    const result = await runRecorder(server.url, KEY, ["getServerTime"]);
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain("as the answer of getServerTime");
    expect(result.stderr).not.toContain(NIN);
  });

  it("item 5: the gate refuses a surviving id (an integer the allow-list keeps): exit 1, nothing on disk", async () => {
    server.reply = { headers: JSON_TYPE, body: JSON.stringify({ RequestId: SERVER_ID }) };
    const request = {
      CancelUrl: "https://rp.example/c",
      ErrorUrl: "https://rp.example/e",
      SuccessUrl: "https://rp.example/s",
      ExternalReference: "x",
      Height: Number(NIN),
    };
    const result = await runRecorder(server.url, KEY, [
      "createSignereIdSession",
      "--body-file",
      bodyFile(request),
    ]);
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain("a run of 6 or more digits that is not synthetic");
    expect(result.stderr).not.toContain(NIN);
  });
});

describe("issue 12 item 5: against @signereid/sandbox", () => {
  it("item 5: every operation records a 2xx from the sandbox, which verifies each signature (the POST and PUT over their bodies)", async () => {
    const sandbox = await startSandbox({ log: false });
    try {
      const env = { SIGNEREID_API_ID: DEMO_ACCOUNT.apiId };
      const session = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
      const body = bodyFile({
        CancelUrl: "https://rp.example/c?id=[1]",
        ErrorUrl: "https://rp.example/e?status=[0]",
        SuccessUrl: "https://rp.example/s?id=[1]&ref=[2]",
        ExternalReference: "order-1",
      });
      for (const args of [
        ["getServerTime"],
        ["createSignereIdSession", "--body-file", body],
        ["getSignereIdSessionCompleted", "--request-id", session],
        ["invalidateSignereIdSession", "--request-id", session],
      ]) {
        const result = await runRecorder(sandbox.url, DEMO_ACCOUNT.secondaryKey, args, env);
        expect(result.stderr, args[0]).toBe("");
        expect(result.recording.operationId).toBe(args[0]);
        expect(result.recording.response.status, args[0]).toBe(200);
      }
    } finally {
      await sandbox.close();
    }
  });
});

describe("issue 12 item 5: the command line", () => {
  const run = (args: string[]) => runRecorder(server.url, KEY, args);

  it("item 5: --help and --version exit 0 and print", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const id of ["createSignereIdSession", "getServerTime", "--body-file", "--request-id"])
      expect(help.stdout).toContain(id);
    const version = await run(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [["noSuchOperation"], "unknown operationId"],
    [["getSignereIdSessionCompleted"], "getSignereIdSessionCompleted needs --request-id"],
    [["invalidateSignereIdSession"], "invalidateSignereIdSession needs --request-id"],
    [["createSignereIdSession"], "createSignereIdSession needs --body-file"],
    [["getServerTime", "--request-id", REQUEST_ID], "getServerTime takes no --request-id"],
    [["getServerTime", "--metadata", "true"], "--metadata is for getSignereIdSession only"],
    [["createSignereIdSession", "--body-file", "/nonexistent/body.json"], "cannot read"],
  ])("item 5: %j is refused before any request (exit 2): %s", async (args, message) => {
    server.requests.length = 0;
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(server.requests).toEqual([]);
  });

  it("item 5: a body file that is not JSON is refused without quoting it", async () => {
    const file = join(dir, "bad-body.txt");
    writeFileSync(file, `{"ExternalReference": "${NIN}"`);
    const result = await run(["createSignereIdSession", "--body-file", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not valid JSON");
    expect(result.stderr).not.toContain(NIN);
  });

  it("item 5: a body the client refuses is reported before any request (exit 2)", async () => {
    server.requests.length = 0;
    const result = await run([
      "createSignereIdSession",
      "--body-file",
      bodyFile({ CancelUrl: "not a url", ErrorUrl: "x", SuccessUrl: "y", ExternalReference: "z" }),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("request.CancelUrl");
    expect(server.requests).toEqual([]);
  });
});

describe("refactor: what differs by operation is its recipe (operations.ts)", () => {
  it("the shared machinery, record.ts and cli.ts, names no operation", () => {
    for (const file of ["record.ts", "cli.ts"]) {
      const source = readFileSync(join(import.meta.dirname, "../src", file), "utf8");
      for (const id of OPERATION_IDS) expect(source, `${file} names ${id}`).not.toContain(id);
    }
  });

  it("a recording that would break the recording format (an API-* reason header) is not written: exit 1, the problem named by the format's own validation", async () => {
    server.reply = {
      status: 401,
      headers: { ...JSON_TYPE, "api-error-reason": "Not authorized" },
      body: "",
    };
    const result = await runRecorder(server.url, KEY, ["--request-id", REQUEST_ID]);
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain('/response/headers has the forbidden name "api-error-reason"');
    expect(result.stderr).toContain("nothing was written");
  });

  it("the title and the default file name are the recipe's: the session's own form, the common form for the others", async () => {
    const out = mkdtempSync(join(tmpdir(), "signereid-names-"));
    const run = async (args: string[]) => {
      await promisify(execFile)(
        process.execPath,
        [
          join(import.meta.dirname, "../dist/cli.js"),
          ...args,
          "--base-url",
          server.url,
          "--out",
          out,
        ],
        { env: { ...process.env, SIGNEREID_API_ID: API_ID, SIGNEREID_SECONDARY_KEY: KEY } },
      );
      return loadRecordings(out);
    };
    try {
      server.reply = { headers: JSON_TYPE, body: JSON.stringify({ Status: "LOGIN" }) };
      const [session] = await run(["--request-id", REQUEST_ID, "--format", "json"]);
      expect(session?.file).toBe(`recorded-200-${REQUEST_ID.slice(0, 8)}.json`);
      expect(session?.title).toBe("Recorded 200 (json, metadata=true)");
      rmSync(join(out, session?.file as string));

      server.reply = { headers: JSON_TYPE, body: '"2024-05-01T12:34:56"' };
      const [time] = await run(["getServerTime"]);
      expect(time?.file).toBe("recorded-getServerTime-200.json");
      expect(time?.title).toBe("Recorded 200 (getServerTime)");
      expect(readdirSync(out)).toEqual(["recorded-getServerTime-200.json"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
