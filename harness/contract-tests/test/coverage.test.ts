// A gap between the spec and the recordings fails the build: every status and media type the
// spec declares has a recording, and every example the spec shows is a recording's body.
import { describe, expect, it } from "vitest";
import {
  bundle,
  contentTypeOf,
  declaredResponse,
  mediaTypeKey,
  operation,
  recordings,
} from "../src/recordings.js";

describe("coverage", () => {
  const declared = Object.keys(operation.responses).flatMap((status) =>
    Object.keys(declaredResponse(Number(status)).content ?? {}).map(
      (mediaType) => [status, mediaType] as const,
    ),
  );

  it("the spec declares what the recordings are checked against", () => {
    expect(declared).toContainEqual(["200", "application/json"]);
    expect(declared).toContainEqual(["200", "application/xml"]);
    expect(declared.length).toBeGreaterThanOrEqual(7);
  });

  it.each(declared)("status %s as %s has a recording", (status, mediaType) => {
    const matching = recordings.filter(
      (r) =>
        String(r.response.status) === status &&
        mediaTypeKey(declaredResponse(r.response.status).content ?? {}, contentTypeOf(r)) ===
          mediaType,
    );
    expect(matching.map((r) => r.file)).not.toEqual([]);
  });

  it("every recording's status is declared by the spec", () => {
    for (const recording of recordings)
      expect(Object.keys(operation.responses)).toContain(String(recording.response.status));
  });

  it("every example in the spec is a recording's body", () => {
    const bodies = recordings.map((r) => JSON.stringify(r.response.body));
    const examples = Object.entries<{ value: unknown }>(bundle.components.examples ?? {});
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const [name, example] of examples) {
      expect(bodies, `example ${name} is not a recording's body`).toContain(
        JSON.stringify(example.value),
      );
    }
  });

  it("no inline examples bypass the recordings", () => {
    const text = JSON.stringify(bundle.paths);
    expect(text).not.toMatch(/"example"\s*:\s*\{/);
    const mediaTypes = Object.values<{
      content?: Record<string, { examples?: Record<string, { $ref?: string }> }>;
    }>(bundle.components.responses).flatMap((response) => Object.values(response.content ?? {}));
    for (const mediaType of mediaTypes) {
      for (const example of Object.values(mediaType.examples ?? {}))
        expect(example.$ref).toMatch(/^#\/components\/examples\//);
    }
  });
});
