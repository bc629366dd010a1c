// The sandbox handles requests itself from what it computes per operation at start (api.ts,
// prepare). An operation whose parameters or security it would read differently from
// openapi-backend must stop it at start, naming the operation and the part.
import type { OpenAPIBackend } from "openapi-backend";
import { describe, expect, it } from "vitest";
import { prepare } from "../src/api.js";

// Refusals come before the validators are asked for: no backend is needed to reach them.
const backend = {} as OpenAPIBackend;
const handlers = { op: () => ({ status: 200 }) } as never;
const op = (extra: object) => ({ operationId: "op", responses: {}, ...extra }) as never;

describe("the sandbox refuses at start what its request pass does not read", () => {
  it("an operation without a handler", () => {
    expect(() => prepare(op({ operationId: "other" }), handlers, backend)).toThrow(
      /no handler for the operation other/,
    );
  });

  it.each([
    ["a cookie parameter", { name: "c", in: "cookie", schema: { type: "string" } }],
    ["a query parameter sent as JSON", { name: "q", in: "query", content: {} }],
    ["an unexploded query parameter", { name: "q", in: "query", explode: false }],
    ["an array query parameter", { name: "q", in: "query", schema: { type: "array" } }],
  ])("%s", (_what, parameter) => {
    expect(() => prepare(op({ parameters: [parameter] }), handlers, backend)).toThrow(
      new RegExp(`op: the sandbox does not parse the parameter ${parameter.name}`),
    );
  });

  it("a parameter still a $ref, and a security scheme it has no check for", () => {
    expect(() =>
      prepare(op({ parameters: [{ $ref: "#/components/parameters/X" }] }), handlers, backend),
    ).toThrow(/op: a parameter is still a \$ref/);
    expect(() => prepare(op({ security: [{ OAuth2: [] }] }), handlers, backend)).toThrow(
      /op: the sandbox has no check for the security scheme OAuth2/,
    );
  });
});
