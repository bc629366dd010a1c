import { describe, expect, it } from "vitest";
import { bundle, validatorAt } from "./helpers.js";

const validRequestId = validatorAt("/components/schemas/RequestId");
const { maxLength } = bundle.components.schemas.RequestId;

describe("the RequestId pattern", () => {
  it("keeps the safe alphabet and leaves room for real ids (at least 400 characters)", () => {
    const schema = bundle.components.schemas.RequestId;
    expect(schema.pattern).toBe("^[A-Za-z0-9_-]+$");
    expect(schema.minLength).toBe(1);
    expect(maxLength).toBeGreaterThanOrEqual(400);
    expect(schema["x-evidence"].level).toBe("design");
  });

  it.each([
    ["the vendor's example id", "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2"],
    ["a synthetic 45-character id", "pQ0cYWvuo6fTvQMI8pdEoqa1ClgQzg4NO4YfawA5xGGS3"],
    ["a single character", "a"],
    ["digits only", "1234567890"],
    ["URL-safe - and _", "abc-DEF_123"],
    ["a 200-character id, as seen in the vendor's later sample", `${"aB3".repeat(66)}xy`],
    ["a 400-character id, the PHP SDK's upper bound", "A".repeat(400)],
    ["the longest admitted id (the spec's maxLength)", "A".repeat(maxLength)],
  ])("accepts %s", (_what, id) => {
    expect(validRequestId(id)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["a dot segment", "."],
    ["a double-dot segment", ".."],
    ["a slash", "a/b"],
    ["a backslash", "a\\b"],
    ["a leading slash", "/abc"],
    ["percent-encoded dots", "%2e%2e"],
    ["a percent sign", "abc%20"],
    ["a query", "abc?metadata=false"],
    ["a fragment", "abc#x"],
    ["an ampersand", "abc&Timestamp=x"],
    ["a space", "abc def"],
    ["a trailing newline", "abc\n"],
    ["a NUL", "abc\u0000"],
    ["a tab", "a\tb"],
    ["a dot inside", "abc.def"],
    ["a semicolon (matrix parameter)", "abc;x=1"],
    ["non-ASCII letters", "blåbær"],
    ["a full-width digit", "１２３"],
    ["over-long (maxLength + 1)", "A".repeat(maxLength + 1)],
    ["a URL", "https://evil.example/"],
  ])("rejects %s", (_what, id) => {
    expect(validRequestId(id)).toBe(false);
  });
});
