import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { generate } from "../scripts/generate.mjs";

describe("src/generated", () => {
  it("is what the current bundled spec generates (rebuild if this fails)", async () => {
    const expected: Record<string, string> = await generate();
    expect(Object.keys(expected)).toEqual(["schema.ts", "spec.ts"]);
    for (const [name, text] of Object.entries(expected)) {
      const onDisk = readFileSync(join(import.meta.dirname, "../src/generated", name), "utf8");
      expect(onDisk, `src/generated/${name} is stale`).toBe(text);
    }
  });
});
