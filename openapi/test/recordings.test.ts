import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { toStored } from "../recordings.js";
import { bundle, recordings, root } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(root, "recording.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

const METHODS = ["get", "put", "post", "delete"];
/** Every operation of the bundle, with a pattern its concrete paths match. */
const operations = Object.entries<any>(bundle.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({
    method,
    operation: item[method],
    pathPattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  })),
);

// The only national id numbers allowed in a recording: the vendor's documented example and the
// recorder's synthetic one (which fails the checksum).
const KNOWN_IDS = new Set(["23071212345", "01010000000"]);

describe.each(recordings.map((r) => [r.file, r] as const))("recording %s", (_file, recording) => {
  it("has the recording shape (recording.schema.json)", () => {
    const stored = JSON.parse(readFileSync(join(root, "recordings", recording.file), "utf8"));
    expect(validate(stored), JSON.stringify(validate.errors)).toBe(true);
  });

  it("stores no body twice: expected only where it differs from the body", () => {
    const stored = JSON.parse(readFileSync(join(root, "recordings", recording.file), "utf8"));
    expect(stored).toEqual(toStored(recording));
    if (!("expected" in stored)) expect(recording.expected).toEqual(recording.response.body);
  });

  it("names an operation of the bundled description, with its method and path", () => {
    const found = operations.find(
      ({ operation }) => operation.operationId === recording.operationId,
    );
    expect(found, `no operation ${recording.operationId} in the bundle`).toBeDefined();
    expect(recording.request.method).toBe(found?.method.toUpperCase());
    expect(recording.request.path).toMatch(found?.pathPattern as RegExp);
  });

  it("holds no token and no national id number but the known placeholders", () => {
    const text = JSON.stringify(recording);
    expect(text).not.toMatch(/[0-9A-Fa-f]{64,}/);
    for (const [id] of text.matchAll(/(?<!\d)\d{11}(?!\d)/g)) expect(KNOWN_IDS).toContain(id);
  });
});

describe("successful recordings", () => {
  const successes = recordings.filter((r) => r.response.status === 200);

  it("exist, in both formats", () => {
    expect(new Set(successes.map((r) => r.request.headers.Accept))).toEqual(
      new Set(["application/json", "application/xml"]),
    );
  });

  it.each(successes.map((r) => [r.file, r] as const))(
    "%s answers in the format it asked for",
    (_file, recording) => {
      const contentType = recording.response.headers["content-type"] ?? "";
      expect(contentType.split(";")[0]).toBe(recording.request.headers.Accept);
    },
  );
});

describe("the format's one definition (recording.schema.json)", () => {
  const valid = recordings[0] ? toStored(recordings[0]) : undefined;

  it.each([
    ["no operationId", (r: any) => delete r.operationId],
    ["a method outside the enum", (r: any) => (r.request.method = "PATCH")],
    ["a body on a GET", (r: any) => (r.request.body = { RequestId: "x" })],
    ["a signing header in the request", (r: any) => (r.request.headers["API-TOKEN"] = "AB")],
    ["a signing header in the response", (r: any) => (r.response.headers["api-token"] = "AB")],
    ["a dot segment in the path", (r: any) => (r.request.path = "/api/../SignereId")],
  ])("rejects a recording with %s", (_what, spoil) => {
    const spoilt = structuredClone(valid);
    spoil(spoilt);
    expect(validate(valid)).toBe(true);
    expect(validate(spoilt)).toBe(false);
  });

  it("accepts a PUT with a JSON body and a Content-Type", () => {
    const put = {
      ...structuredClone(valid),
      operationId: "invalidateSignereIdSession",
      request: {
        method: "PUT",
        path: "/api/SignereId/Invalidate",
        query: {},
        headers: { Accept: "application/json", "Content-Type": "application/json; charset=UTF-8" },
        body: { RequestId: "abc" },
      },
    };
    expect(validate(put), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the loader fills expected with the body, and keeps an explicit one", () => {
    const xml = recordings.find((r) => r.file === "vendor-example-xml.json");
    expect(typeof xml?.response.body).toBe("string");
    expect(xml?.expected).toMatchObject({ Name: "Stein Olav Hagen Davidsen" });
    const vendor = recordings.find((r) => r.file === "vendor-example.json");
    expect(vendor?.expected).toEqual(vendor?.response.body);
  });
});
