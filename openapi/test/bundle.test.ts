import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bundle, root } from "./helpers.js";

describe("the bundled description", () => {
  it("is valid OpenAPI 3.1 for a second validator besides Redocly", async () => {
    // validate() mutates its input while dereferencing; give it a copy.
    const result = await validate(structuredClone(bundle));
    expect(result).toEqual({ valid: true, warnings: [], specification: "OpenAPI" });
    expect(bundle.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("would be rejected by that validator if it were broken (control)", async () => {
    const broken = structuredClone(bundle);
    broken.paths["/api/SignereId/{RequestId}"].get.parameters[0] = { in: "query" };
    const result = await validate(broken);
    expect(result.valid).toBe(false);
  });

  it("is the same document as YAML and as JSON", () => {
    const yaml = parse(readFileSync(join(root, "dist/openapi.yaml"), "utf8"));
    expect(yaml).toEqual(bundle);
  });

  it("is fully bundled: no reference leaves the file", () => {
    const refs = JSON.stringify(bundle).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^"\$ref":"#\//);
  });

  it("has had every x-recording example filled in", () => {
    expect(JSON.stringify(bundle)).not.toContain("x-recording");
    for (const example of Object.values<any>(bundle.components.examples)) {
      expect(example).toHaveProperty("value");
      expect(example.summary).toBeTruthy();
      expect(example.description).toMatch(/^Source: /);
    }
  });
});
