// A gap between the spec and the recordings fails the build, per operation and in both
// directions: every status and media type each operation declares has a recording, and every
// recording is exercised (its operation, status and media type are declared, and the replay
// suite calls it: test/replay.test.ts takes every recording). Every example the spec shows is a
// recording's body.
import { bodyValue, contentTypeOf, mediaTypeKey } from "@signereid/openapi";
import { describe, expect, it } from "vitest";
import { CALLED } from "../src/calls.js";
import { bundle, declaredResponse, operations, recordings } from "../src/recordings.js";

const declared = [...operations.values()].flatMap(({ operationId, responses }) =>
  Object.keys(responses).flatMap((status) =>
    Object.keys(declaredResponse(operationId, Number(status))?.content ?? {}).map(
      (mediaType) => [operationId, status, mediaType] as const,
    ),
  ),
);

const keyOf = (r: (typeof recordings)[number]) =>
  mediaTypeKey(declaredResponse(r.operationId, r.response.status)?.content ?? {}, contentTypeOf(r));

describe("coverage, per operation", () => {
  it("the spec declares the five operations and what each answers", () => {
    expect([...operations.keys()].sort()).toEqual([
      "createSignereIdSession",
      "getServerTime",
      "getSignereIdSession",
      "getSignereIdSessionCompleted",
      "invalidateSignereIdSession",
    ]);
    expect(declared).toContainEqual(["getSignereIdSession", "200", "application/xml"]);
    expect(declared).toContainEqual(["invalidateSignereIdSession", "200", "*/*"]);
    expect(declared.length).toBeGreaterThanOrEqual(25);
  });

  it.each(declared)("%s: status %s as %s has a recording", (operationId, status, mediaType) => {
    const matching = recordings.filter(
      (r) =>
        r.operationId === operationId &&
        String(r.response.status) === status &&
        keyOf(r) === mediaType,
    );
    expect(matching.map((r) => r.file)).not.toEqual([]);
  });

  it.each(recordings.map((r) => [r.file, r] as const))(
    "%s: its operation, status and media type are declared, and the replay calls it",
    (file, recording) => {
      const key = keyOf(recording);
      expect(
        key,
        `${recording.operationId} declares no ${recording.response.status} for it`,
      ).toBeDefined();
      expect(declared).toContainEqual([
        recording.operationId,
        String(recording.response.status),
        key,
      ]);
      expect(CALLED, `no contract call for ${recording.operationId}`).toHaveProperty(
        recording.operationId,
      );
      expect(file).toMatch(/\.json$/);
    },
  );

  it("every example in the spec is a recording's body", () => {
    const bodies = recordings.map((r) => JSON.stringify(bodyValue(r)));
    const examples = Object.entries<{ value: unknown }>(bundle.components.examples ?? {});
    expect(examples.length).toBe(recordings.length);
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
    }>(bundle.components.responses ?? {}).flatMap((response) =>
      Object.values(response.content ?? {}),
    );
    for (const mediaType of mediaTypes) {
      for (const example of Object.values(mediaType.examples ?? {}))
        expect(example.$ref).toMatch(/^#\/components\/examples\//);
    }
  });
});
