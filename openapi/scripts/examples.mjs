// The recordings are the spec's examples: every recording becomes `components.examples.<file>`,
// and every response lists, per media type, the recordings of its operation, status and media
// type. Nothing in the source names a recording: a new recording shows up by being there.
//
// This runs on the bundle, where every $ref is local, so a response shared by several operations
// and statuses (the one error response) can be copied in place for each of them: each copy gets
// its own examples, and the description written beside its $ref goes first.

import { bodyValue, contentTypeOf, mediaTypeKey, operationsOf } from "../recordings.js";

/** The bundle with the recordings' examples added (the bundle is changed in place and returned). */
export function injectExamples(bundle, recordings) {
  const components = bundle.components;
  components.examples = {};
  for (const recording of recordings) {
    components.examples[exampleName(recording)] = {
      summary: recording.title,
      description: describe(recording),
      value: bodyValue(recording),
    };
  }

  const uses = countUses(bundle);
  for (const { operation, status } of responsesOf(bundle)) {
    const entry = operation.responses[status];
    const name = entry.$ref?.split("/").pop();
    // A response used once is given its examples where it is; a shared one, or one with its own
    // description beside the $ref, is copied.
    const shared = name !== undefined && (uses.get(name) > 1 || entry.description !== undefined);
    const response = shared
      ? structuredClone(components.responses[name])
      : (components.responses[name] ?? entry);
    if (shared && entry.description) {
      response.description = `${entry.description}\n\n${response.description ?? ""}`.trim();
    }
    for (const [mediaType, content] of Object.entries(response.content ?? {})) {
      const matching = recordings.filter(
        (r) =>
          r.operationId === operation.operationId &&
          r.response.status === Number(status) &&
          mediaTypeKey(response.content, contentTypeOf(r)) === mediaType,
      );
      if (matching.length === 0) continue;
      content.examples = Object.fromEntries(
        matching.map((r) => [
          camelCase(exampleName(r)),
          { $ref: `#/components/examples/${exampleName(r)}` },
        ]),
      );
    }
    if (shared) operation.responses[status] = response;
  }

  // A shared response now copied into every place that used it is no longer referenced.
  const left = countUses(bundle);
  for (const name of Object.keys(components.responses ?? {})) {
    if (!left.has(name)) delete components.responses[name];
  }
  return bundle;
}

function* responsesOf(bundle) {
  for (const { operation } of operationsOf(bundle)) {
    for (const status of Object.keys(operation.responses ?? {})) yield { operation, status };
  }
}

function countUses(bundle) {
  const uses = new Map();
  for (const { operation, status } of responsesOf(bundle)) {
    const name = operation.responses[status].$ref?.split("/").pop();
    if (name) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  return uses;
}

function exampleName(recording) {
  return recording.file.replace(/\.json$/, "");
}

function camelCase(name) {
  return name.replace(/[-_.]+(\w)/g, (_, letter) => letter.toUpperCase());
}

// A viewer shows an example's body only; the headers (the error-reason header, above all) and an
// empty body would otherwise be invisible, so the description states them.
function describe({ source, response }) {
  const headers = Object.entries(response.headers).map(([name, value]) => `\`${name}: ${value}\``);
  const body = response.body === "" ? " The body is empty." : "";
  return `Source: ${source}\n\nRecorded response: status ${response.status}, headers ${headers.join(", ")}.${body}`;
}
