// The package's entry beyond loadRecordings: the loader's check of each file, and the helpers that
// match a recording with its operation in a bundle (used by the spec build, the sandbox, the
// recorder, the client's generator, the spec gate and the contract tests).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  contentTypeOf,
  loadRecording,
  loadRecordings,
  mediaTypeKey,
  operationsOf,
  recordingsDir,
  resolveRef,
  templateRegex,
  toStored,
  validateRecording,
} from "../recordings.js";
import { bundle, recordings } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A folder with one good recording and `file` holding `text`. */
function folderWith(file: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), "recordings-"));
  dirs.push(dir);
  copyFileSync(join(recordingsDir, "vendor-example.json"), join(dir, "vendor-example.json"));
  writeFileSync(join(dir, file), text);
  return dir;
}

const valid = toStored(recordings.find((r) => r.file === "vendor-example.json") as never);

describe("the loader", () => {
  it("refuses a recording that breaks the format, naming the file and the problem", () => {
    const spoilt = structuredClone(valid) as any;
    spoilt.request.method = "PATCH";
    const dir = folderWith("broken.json", JSON.stringify(spoilt));
    expect(() => loadRecordings(dir)).toThrow(
      /recording broken\.json does not follow recording\.schema\.json: \/request\/method must be one of GET, POST, PUT, DELETE/,
    );
  });

  it("names a signing header that was recorded, without its value", () => {
    const spoilt = structuredClone(valid) as any;
    spoilt.response.headers["API-TOKEN"] = "0123456789abcdef";
    const dir = folderWith("token.json", JSON.stringify(spoilt));
    let message = "";
    try {
      loadRecordings(dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("token.json does not follow recording.schema.json");
    expect(message).toContain('/response/headers has the forbidden name "API-TOKEN"');
    expect(message).not.toContain("0123456789abcdef");
  });

  it("refuses a file that is not JSON, by name", () => {
    const dir = folderWith("half.json", '{ "title": ');
    expect(() => loadRecordings(dir)).toThrow(/recording half\.json is not readable JSON/);
  });

  it("loads one recording by name, with its defaults", () => {
    const one = loadRecording("vendor-example.json");
    expect(one).toEqual(recordings.find((r) => r.file === "vendor-example.json"));
    expect(one.expected).toEqual(one.response.body);
  });
});

describe("validateRecording", () => {
  it("finds nothing wrong with a shipped recording and lists each problem of a broken one", () => {
    expect(validateRecording(valid)).toEqual([]);
    const spoilt = structuredClone(valid) as any;
    delete spoilt.title;
    spoilt.request.body = {};
    spoilt.extra = true;
    expect(validateRecording(spoilt)).toEqual([
      "the recording must have required property 'title'",
      'the recording has the unknown property "extra"',
      "/request breaks the rule at #/properties/request/then/not of recording.schema.json",
    ]);
  });
});

describe("operationsOf", () => {
  it("lists every operation of the bundle once, with its path, method and path item", () => {
    const found = operationsOf(bundle);
    expect(found.map((o) => `${o.method} ${o.path} ${o.operation.operationId}`).sort()).toEqual([
      "get /api/SignereId/Completed/{RequestId} getSignereIdSessionCompleted",
      "get /api/SignereId/{RequestId} getSignereIdSession",
      "get /api/Status/ServerTime getServerTime",
      "post /api/SignereId createSignereIdSession",
      "put /api/SignereId/Invalidate invalidateSignereIdSession",
    ]);
    for (const { path, item } of found) expect(item).toBe(bundle.paths[path]);
  });

  it("knows every HTTP method of a path item and nothing else", () => {
    const item = Object.fromEntries(
      ["get", "put", "post", "delete", "options", "head", "patch", "trace"].map((m) => [
        m,
        { operationId: m },
      ]),
    );
    const found = operationsOf({ paths: { "/x": { ...item, parameters: [], summary: "s" } } });
    expect(found.map((o) => o.operation.operationId)).toEqual(Object.keys(item));
    expect(operationsOf({})).toEqual([]);
  });

  it("refuses a path item that is a $ref rather than miss its operations", () => {
    expect(() => operationsOf({ paths: { "/x": { $ref: "#/components/pathItems/X" } } })).toThrow(
      "the path item of /x is a $ref: bundle the description first",
    );
  });
});

describe("templateRegex", () => {
  const session = templateRegex("/api/SignereId/{RequestId}");

  it("matches a concrete path (no query), one segment per parameter, captured", () => {
    expect(session.exec("/api/SignereId/abc%20d")?.slice(1)).toEqual(["abc%20d"]);
    expect(session.test("/api/SignereId/")).toBe(false);
    expect(session.test("/api/SignereId/a/b")).toBe(false);
    expect(templateRegex("/a/{x}/b/{y}").exec("/a/1/b/2")?.slice(1)).toEqual(["1", "2"]);
  });

  it("takes the literal parts literally", () => {
    expect(templateRegex("/v1.0/{id}").test("/v1x0/a")).toBe(false);
    expect(templateRegex("/v1.0/{id}").test("/v1.0/a")).toBe(true);
    expect(templateRegex("/a+(b)/{id}").test("/a+(b)/c")).toBe(true);
  });
});

describe("contentTypeOf and mediaTypeKey", () => {
  const withType = (headers: Record<string, string>) => ({
    response: { status: 200, headers, body: "" },
  });

  it("reads the Content-Type whatever the header's case, or empty", () => {
    expect(contentTypeOf(withType({ "Content-Type": "application/xml" }))).toBe("application/xml");
    expect(contentTypeOf(withType({ "content-type": "text/plain" }))).toBe("text/plain");
    expect(contentTypeOf(withType({}))).toBe("");
  });

  it("finds the media type a Content-Type falls under, */* catching the rest", () => {
    const content = { "application/json": {}, "application/xml": {} };
    expect(mediaTypeKey(content, "Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaTypeKey(content, "text/plain")).toBeUndefined();
    expect(mediaTypeKey({ ...content, "*/*": {} }, "text/plain")).toBe("*/*");
    expect(mediaTypeKey(undefined, "text/plain")).toBeUndefined();
  });
});

describe("resolveRef", () => {
  const doc = {
    components: {
      schemas: { "a/b~c": { type: "string" }, Alias: { $ref: "#/components/schemas/a~1b~0c" } },
    },
  };

  it("follows a local JSON pointer, its ~1 and ~0 escapes, and a chain of $refs", () => {
    expect(resolveRef(doc, { $ref: "#/components/schemas/Alias" })).toEqual({ type: "string" });
    expect(resolveRef(doc, { type: "integer" })).toEqual({ type: "integer" });
    expect(resolveRef(doc, undefined)).toBeUndefined();
  });

  it("refuses a $ref outside the document, and reads a missing target as undefined", () => {
    expect(() => resolveRef(doc, { $ref: "other.yaml#/x" })).toThrow(/only local/);
    expect(resolveRef(doc, { $ref: "#/components/schemas/Nope" })).toBeUndefined();
  });

  it("resolves every $ref the bundle holds", () => {
    const refs: string[] = [];
    JSON.stringify(bundle, (key, value) => {
      if (key === "$ref") refs.push(value);
      return value;
    });
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolveRef(bundle, { $ref: ref })).toBeDefined();
  });
});
