// The spec-change gate: compares the bundled description (openapi/dist/openapi.json) with the
// last published @signereid/openapi, classifies each change as breaking or not, and fails when the
// pending changesets do not release @signereid/openapi with a big enough bump or do not list the
// changes for the changelog.
//
// No well-kept OpenAPI diff tool reads 3.1 and runs here on Node 20 (see
// harness/release-rehearsal/README.md for what was tried), so this is a small classifier for the
// cases that break a consumer; anything it cannot classify counts as breaking.
//
//   node scripts/spec-gate.mjs --registry <url>   compare with the registry's latest release
//   node scripts/spec-gate.mjs --base <file>      compare with a saved bundle
//   add --write to write .changeset/spec-changes.md with the bump and the list of changes
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import parseChangeset from "@changesets/parse";
import { operationsOf } from "../openapi/recordings.js";

const PACKAGE = "@signereid/openapi";
// Words that never change what goes over the wire.
const DOCUMENTATION = new Set(["description", "summary", "title", "example", "examples"]);

/** Each change from `base` to `head`: `{ breaking, text }`, `text` in a consumer's words. */
export function diffSpecs(base, head) {
  const changes = [];
  const add = (breaking, text) => changes.push({ breaking, text });
  const resolve = (spec) => (node) => {
    for (let seen = 0; node?.$ref && seen < 50; seen += 1) {
      node = node.$ref
        .slice(2)
        .split("/")
        .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce((value, key) => value?.[key], spec);
    }
    return node;
  };
  const b = resolve(base);
  const h = resolve(head);

  for (const { path, method, operation: op, item: baseItem } of operationsOf(base)) {
    const headItem = head.paths?.[path];
    const name = `${method.toUpperCase()} ${path}`;
    const label = `\`${op.operationId ?? name}\` (${name})`;
    if (!headItem?.[method]) add(true, `Removed the operation ${label}.`);
    else compareOperation(label, [baseItem, op], [headItem, headItem[method]]);
  }
  for (const { path, method, operation: op } of operationsOf(head)) {
    if (!base.paths?.[path]?.[method])
      add(false, `Added the operation \`${op.operationId}\` (${method.toUpperCase()} ${path}).`);
  }
  // A schema shared by several media types or operations reports the same change once.
  return changes.filter((change, i) => changes.findIndex((c) => c.text === change.text) === i);

  function compareOperation(label, [baseItem, baseOp], [headItem, headOp]) {
    const baseParams = new Map(
      [...(baseItem.parameters ?? []), ...(baseOp.parameters ?? [])]
        .map(b)
        .map((p) => [`${p.in} ${p.name}`, p]),
    );
    const headParams = new Map(
      [...(headItem.parameters ?? []), ...(headOp.parameters ?? [])]
        .map(h)
        .map((p) => [`${p.in} ${p.name}`, p]),
    );
    for (const [key, param] of baseParams) {
      const next = headParams.get(key);
      if (!next) add(true, `${label}: removed the ${key.replace(" ", " parameter `")}\`.`);
      else {
        if (next.required && !param.required) {
          add(true, `${label}: the ${key.replace(" ", " parameter `")}\` is now required.`);
        }
        compareSchema(
          `${label}, ${key.replace(" ", " parameter `")}\``,
          param.schema,
          next.schema,
          "request",
        );
      }
    }
    for (const [key, param] of headParams) {
      if (baseParams.has(key)) continue;
      const what = `${key.replace(" ", " parameter `")}\``;
      add(
        Boolean(param.required),
        `${label}: added the ${param.required ? "required" : "optional"} ${what}.`,
      );
    }

    const baseBody = b(baseOp.requestBody);
    const headBody = h(headOp.requestBody);
    if (headBody?.required && !baseBody?.required)
      add(true, `${label}: a request body is now required.`);
    for (const [type, media] of Object.entries(baseBody?.content ?? {})) {
      const next = headBody?.content?.[type];
      if (!next) add(true, `${label}: no longer accepts a \`${type}\` request body.`);
      else compareSchema(`${label}, request body`, media.schema, next.schema, "request");
    }

    for (const [status, response] of Object.entries(baseOp.responses ?? {})) {
      const next = h(headOp.responses?.[status]);
      if (!next) {
        add(true, `${label}: no longer answers status ${status}.`);
        continue;
      }
      for (const [type, media] of Object.entries(b(response).content ?? {})) {
        const nextMedia = next.content?.[type];
        if (!nextMedia) add(true, `${label}: status ${status} no longer comes as \`${type}\`.`);
        else
          compareSchema(`${label}, ${status} response`, media.schema, nextMedia.schema, "response");
      }
    }
    for (const status of Object.keys(headOp.responses ?? {})) {
      if (!baseOp.responses?.[status]) add(false, `${label}: may now answer status ${status}.`);
    }
    if (JSON.stringify(baseOp.security) !== JSON.stringify(headOp.security)) {
      add(true, `${label}: its security requirement changed.`);
    }
  }

  // `direction`: "request" (the consumer sends it) or "response" (the consumer reads it).
  function compareSchema(where, baseSchema, headSchema, direction, seen = new Set()) {
    const from = b(baseSchema);
    const to = h(headSchema);
    if (!from || !to || seen.has(from)) return;
    seen.add(from);
    const types = (schema) => [schema.type ?? []].flat().sort().join(" | ");
    if (types(from) !== types(to)) {
      add(
        true,
        `${where}: the type changed from \`${types(from) || "any"}\` to \`${types(to) || "any"}\`.`,
      );
      return;
    }
    if (from.enum || to.enum) {
      const removed = (from.enum ?? []).filter((value) => !(to.enum ?? []).includes(value));
      const added = (to.enum ?? []).filter((value) => !(from.enum ?? []).includes(value));
      const list = (values) => values.map((value) => `\`${value}\``).join(", ");
      // A consumer's request may use any old value; a consumer's switch over a response may miss a new one.
      if (removed.length)
        add(direction === "request", `${where}: no longer allows ${list(removed)}.`);
      if (added.length) add(direction === "response", `${where}: may now be ${list(added)}.`);
    }
    const fromProps = from.properties ?? {};
    const toProps = to.properties ?? {};
    const fromRequired = new Set(from.required ?? []);
    const toRequired = new Set(to.required ?? []);
    for (const [name, schema] of Object.entries(fromProps)) {
      const field = `${where}, field \`${name}\``;
      if (!(name in toProps)) {
        add(true, `${where}: removed the field \`${name}\`.`);
        continue;
      }
      if (direction === "request" && toRequired.has(name) && !fromRequired.has(name)) {
        add(true, `${field}: is now required.`);
      }
      if (direction === "response" && fromRequired.has(name) && !toRequired.has(name)) {
        add(true, `${field}: may now be missing.`);
      }
      compareSchema(field, schema, toProps[name], direction, seen);
    }
    for (const name of Object.keys(toProps).filter((name) => !(name in fromProps))) {
      const required = direction === "request" && toRequired.has(name);
      add(required, `${where}: added the ${required ? "required" : "optional"} field \`${name}\`.`);
    }
    if (from.items || to.items)
      compareSchema(`${where} items`, from.items, to.items, direction, seen);
    for (const key of ["oneOf", "anyOf", "allOf"]) {
      const [fromList, toList] = [from[key] ?? [], to[key] ?? []];
      if (fromList.length === toList.length) {
        for (const [i, schema] of fromList.entries()) {
          compareSchema(where, schema, toList[i], direction, seen);
        }
      } else
        add(
          true,
          `${where}: its \`${key}\` alternatives changed (not classified by the gate: review them).`,
        );
    }
    // What this classifier does not model (constraints) counts as breaking when it changes.
    for (const key of [
      "not",
      "const",
      "pattern",
      "format",
      "minLength",
      "maxLength",
      "minimum",
      "maximum",
      "additionalProperties",
    ]) {
      if (JSON.stringify(strip(from[key])) !== JSON.stringify(strip(to[key]))) {
        add(true, `${where}: \`${key}\` changed (not classified by the gate: review it).`);
      }
    }
  }
}

// A schema without its documentation words, for comparing what goes over the wire.
function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DOCUMENTATION.has(key) && !key.startsWith("x-"))
      .map(([key, inner]) => [key, strip(inner)]),
  );
}

/** The pending changesets' releases of @signereid/openapi: `[{ type, summary }]`. */
export function pendingReleases(changesetDir) {
  return readdirSync(changesetDir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => parseChangeset(readFileSync(join(changesetDir, file), "utf8")))
    .flatMap(({ summary, releases }) =>
      releases.filter((release) => release.name === PACKAGE).map(({ type }) => ({ type, summary })),
    );
}

/** The verdict: `{ ok, lines }`, the lines to print. */
export function judge(changes, releases) {
  const breaking = changes.filter((change) => change.breaking);
  const lines = changes.map((c) => `${c.breaking ? "BREAKING" : "compatible"}: ${c.text}`);
  if (changes.length === 0) return { ok: true, lines: ["spec-gate: no change to the description"] };
  const problems = [];
  if (breaking.length > 0 && !releases.some((release) => release.type === "major")) {
    problems.push(
      `${breaking.length} breaking change(s) but no changeset releases ${PACKAGE} as major`,
    );
  } else if (releases.length === 0) {
    problems.push(`the description changed but no changeset releases ${PACKAGE}`);
  }
  const text = releases.map((release) => release.summary).join("\n");
  const unlisted = changes.filter((change) => !text.includes(change.text));
  if (unlisted.length > 0)
    problems.push(`${unlisted.length} change(s) not listed in a changeset of ${PACKAGE}`);
  if (problems.length === 0)
    return { ok: true, lines: [...lines, "spec-gate: changes released and listed"] };
  return {
    ok: false,
    lines: [
      ...lines,
      ...problems.map((problem) => `spec-gate: ${problem}`),
      "spec-gate: run `node scripts/spec-gate.mjs --registry <url> --write` (or --base <file>) to write .changeset/spec-changes.md, then edit its summary",
    ],
  };
}

/** The changeset that releases the changes: the bump they need, and each one in words. */
export function changesetFor(changes) {
  const bump = changes.some((change) => change.breaking) ? "major" : "minor";
  const list = changes.map((c) => `- ${c.breaking ? "**Breaking:** " : ""}${c.text}`).join("\n");
  return `---\n"${PACKAGE}": ${bump}\n---\n\nChanges to the API description:\n\n${list}\n`;
}

/** The bundle of `@signereid/openapi@latest` on `registry`, or undefined if none is published. */
export async function publishedBundle(registry) {
  const base = registry.endsWith("/") ? registry : `${registry}/`;
  const response = await fetch(`${base}${PACKAGE.replace("/", "%2f")}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${registry} answered ${response.status} for ${PACKAGE}`);
  const packument = await response.json();
  const latest = packument.versions[packument["dist-tags"].latest];
  const tarball = await fetch(latest.dist.tarball, { signal: AbortSignal.timeout(60_000) });
  if (!tarball.ok) throw new Error(`${latest.dist.tarball} answered ${tarball.status}`);
  const json = execFileSync("tar", ["-xzO", "package/dist/openapi.json"], {
    input: Buffer.from(await tarball.arrayBuffer()),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { version: latest.version, spec: JSON.parse(json.toString("utf8")) };
}

async function main() {
  const root = join(import.meta.dirname, "..");
  const { values } = parseArgs({
    options: {
      registry: { type: "string" },
      base: { type: "string" },
      head: { type: "string", default: join(root, "openapi/dist/openapi.json") },
      changesets: { type: "string", default: join(root, ".changeset") },
      write: { type: "boolean", default: false },
    },
  });
  if (!values.registry === !values.base) {
    throw new Error(
      "give exactly one of --registry <url> (its latest release) or --base <openapi.json>",
    );
  }
  if (!existsSync(values.head)) {
    throw new Error(`${values.head} is missing: build @signereid/openapi first`);
  }
  let base;
  if (values.base) base = JSON.parse(readFileSync(values.base, "utf8"));
  else {
    const published = await publishedBundle(values.registry);
    if (!published) {
      console.log(
        `spec-gate: ${PACKAGE} is not published on ${values.registry} yet: nothing to compare`,
      );
      return 0;
    }
    console.log(
      `spec-gate: comparing with ${PACKAGE}@${published.version} from ${values.registry}`,
    );
    base = published.spec;
  }
  const changes = diffSpecs(base, JSON.parse(readFileSync(values.head, "utf8")));
  if (values.write && changes.length > 0) {
    const file = join(values.changesets, "spec-changes.md");
    writeFileSync(file, changesetFor(changes));
    console.log(`spec-gate: wrote ${file}`);
  }
  const verdict = judge(changes, pendingReleases(values.changesets));
  for (const line of verdict.lines) console.log(line);
  return verdict.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`spec-gate: ${error.message}`);
      process.exit(2);
    },
  );
}
