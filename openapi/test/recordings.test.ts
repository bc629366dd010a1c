import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { recordings, root } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(root, "recording.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

// The only national id numbers allowed in a recording: the vendor's documented example and the
// recorder's synthetic one (which fails the checksum).
const KNOWN_IDS = new Set(["23071212345", "01010000000"]);

describe.each(recordings.map((r) => [r.file, r] as const))("recording %s", (_file, recording) => {
  it("has the recording shape (recording.schema.json)", () => {
    const { file: _name, ...content } = recording;
    expect(validate(content), JSON.stringify(validate.errors)).toBe(true);
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
