import { describe, expect, it } from "vitest";
import { validatorAt } from "./helpers.js";

const validRequestId = validatorAt("/components/parameters/RequestId/schema");

describe("the RequestId pattern", () => {
  it.each([
    ["the vendor's example id", "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2"],
    ["a synthetic 45-character id", "pQ0cYWvuo6fTvQMI8pdEoqa1ClgQzg4NO4YfawA5xGGS3"],
    ["a single character", "a"],
    ["digits only", "1234567890"],
    ["URL-safe - and _", "abc-DEF_123"],
    ["the longest admitted id (128)", "A".repeat(128)],
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
    ["over-long (129)", "A".repeat(129)],
    ["a URL", "https://evil.example/"],
  ])("rejects %s", (_what, id) => {
    expect(validRequestId(id)).toBe(false);
  });
});
