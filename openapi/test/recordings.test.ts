import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  bodyValue,
  contentTypeOf,
  operationsOf,
  templateRegex,
  toStored,
  validateRecording,
} from "../recordings.js";
import { bundle, type Recording, recordings, root, validatorAt } from "./helpers.js";

/** Every operation of the bundle, with a pattern its concrete paths match. */
const operations = operationsOf(bundle).map(({ method, operation, path }) => ({
  method,
  operation,
  pathPattern: templateRegex(path),
}));

// The only national id numbers allowed in a recording: the vendor's documented example and the
// recorder's synthetic one (which fails the checksum).
const KNOWN_IDS = new Set(["23071212345", "01010000000"]);

describe.each(recordings.map((r) => [r.file, r] as const))("recording %s", (_file, recording) => {
  it("has the recording shape (recording.schema.json)", () => {
    const stored = JSON.parse(readFileSync(join(root, "recordings", recording.file), "utf8"));
    expect(validateRecording(stored)).toEqual([]);
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
    // GUIDs (the create example's providrId) are ids of things, not people: their digits are not scanned.
    const text = JSON.stringify(recording).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
      "",
    );
    expect(text).not.toMatch(/[0-9A-Fa-f]{64,}/);
    for (const [id] of text.matchAll(/(?<!\d)\d{11}(?!\d)/g)) expect(KNOWN_IDS).toContain(id);
  });
});

describe("successful recordings", () => {
  const successes = recordings.filter((r) => r.response.status === 200);

  it("exist, in both formats for the session", () => {
    const sessions = successes.filter((r) => r.operationId === "getSignereIdSession");
    expect(new Set(sessions.map((r) => r.request.headers.Accept))).toEqual(
      new Set(["application/json", "application/xml"]),
    );
  });

  // An empty body (the invalidate example) has no format to ask for.
  it.each(successes.filter((r) => contentTypeOf(r)).map((r) => [r.file, r] as const))(
    "%s answers in the format it asked for",
    (_file, recording) => {
      const contentType = contentTypeOf(recording);
      const accept = recording.request.headers.Accept;
      if (accept !== "*/*") expect(contentType.split(";")[0]).toBe(accept);
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
    expect(validateRecording(valid)).toEqual([]);
    expect(validateRecording(spoilt)).not.toEqual([]);
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
    expect(validateRecording(put)).toEqual([]);
  });

  it("the loader fills expected with the body, and keeps an explicit one", () => {
    const xml = recordings.find((r) => r.file === "vendor-example-xml.json");
    expect(typeof xml?.response.body).toBe("string");
    expect(xml?.expected).toMatchObject({ Name: "Stein Olav Hagen Davidsen" });
    const vendor = recordings.find((r) => r.file === "vendor-example.json");
    expect(vendor?.expected).toEqual(vendor?.response.body);
  });
});

describe("recordings of the operations with a request body", () => {
  const withBody = recordings.filter(
    (r) => r.request.method === "POST" || r.request.method === "PUT",
  );
  const vectors: { method: string; body?: string }[] = JSON.parse(
    readFileSync(join(root, "signing-vectors.json"), "utf8"),
  ).vectors;

  it("exist for create and invalidate", () => {
    expect(new Set(withBody.map((r) => r.operationId))).toEqual(
      new Set(["createSignereIdSession", "invalidateSignereIdSession"]),
    );
  });

  it.each(withBody.map((r) => [r.file, r] as const))(
    "%s: the body sent validates against the operation's request body schema, sent as JSON",
    (_file, recording) => {
      const found = operations.find((o) => o.operation.operationId === recording.operationId);
      const ref = found?.operation.requestBody.$ref as string;
      const pointer = `${ref.slice(1)}/content/application~1json/schema`;
      const validate = validatorAt(pointer);
      expect(validate(recording.request.body), JSON.stringify(validate.errors)).toBe(true);
      expect(recording.request.headers["Content-Type"]).toMatch(/^application\/json/);
    },
  );

  it("the create example sends the POST signing vector's body, byte for byte", () => {
    const create = recordings.find((r) => r.file === "create-session.json");
    const post = vectors.find((v) => v.method === "POST");
    expect(JSON.stringify(create?.request.body)).toBe(post?.body);
  });
});

describe("labels", () => {
  it.each(
    recordings
      .filter((r) => r.operationId !== "getSignereIdSession")
      .map((r) => [r.file, r] as const),
  )("%s says where it comes from: synthetic, or reconstructed and from what", (_file, r) => {
    expect(r.source).toMatch(/^(Synthetic|Reconstructed from the facts file)/);
  });

  it("the vendor-derived create response names what is reconstructed and from which fixture", () => {
    const create = recordings.find((r) => r.file === "create-session.json");
    expect(create?.source).toMatch(/third-party SDK's test fixture \(PHP, sausin\/signere-sdk/);
    expect(create?.source).toMatch(
      /Status \(UNKNOWN\) and BankIDMobileReference exist only in that fixture/,
    );
    expect(create?.response.body).toMatchObject({
      Status: "UNKNOWN",
      BankIDMobileReference: "Snill Bank",
    });
  });
});

describe("a JSON string body", () => {
  it("is stored as its raw text and read as its value (bodyValue), as the spec's example", () => {
    const time = recordings.find((r) => r.file === "server-time.json");
    expect(time?.response.body).toBe('"2017-06-13T21:20:13"');
    expect(bodyValue(time as Recording)).toBe("2017-06-13T21:20:13");
    expect(bundle.components.examples["server-time"].value).toBe("2017-06-13T21:20:13");
  });
});
