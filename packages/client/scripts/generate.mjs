// Generates src/generated/ from the bundled description (never edited by hand, never committed):
// - schema.ts: the paths/components types, by openapi-typescript;
// - operations.gen.ts: what the request core needs at run time, per operationId (method, path,
//   parameter rules, body media type and the rules of the body's fields, response media types,
//   the shape check, XML root and lists, signing, deprecation), and the servers by their
//   `x-environment`.
// operationsFromSpec() is exported so a test can run the same generator on another spec.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { operationsOf, resolveRef } from "@signereid/openapi";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../src/generated");
const banner =
  "// Generated from @signereid/openapi's dist/openapi.json by scripts/generate.mjs. Do not edit.\n";

export async function generate() {
  const specPath = createRequire(import.meta.url).resolve("@signereid/openapi/openapi.json");
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: false });
  return {
    "schema.ts": `${banner}${astToString(ast)}`,
    "operations.gen.ts": `${banner}${renderOperations(spec)}`,
  };
}

export function renderOperations(spec) {
  return [
    'import type { Operation, XmlForm } from "../core/operation.js";\n',
    `export const servers = ${JSON.stringify(serversFromSpec(spec))} as const;\n`,
    `/** The vendor's environments, by their servers' \`x-environment\`. */\nexport type Environment = ${
      Object.keys(serversFromSpec(spec))
        .map((name) => JSON.stringify(name))
        .join(" | ") || "never"
    };\n`,
    ...operationsSource(operationsFromSpec(spec)),
  ].join("\n");
}

/**
 * The operations, and apart from them the XML forms they refer to: the XML reader imports only
 * `xmlForms`, so a bundle of it leaves the rest of the metadata out.
 */
function operationsSource(operations) {
  const forms = [];
  const marked = structuredClone(operations);
  for (const [id, op] of Object.entries(marked)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (!response.xml) continue;
      forms.push({ id, status, name: `xml${forms.length}`, form: response.xml });
      response.xml = `@${forms.at(-1).name}@`;
    }
  }
  // Plain names, not property reads: a bundler keeps a property read, and so what holds it.
  const json = JSON.stringify(marked, null, 1).replace(/"@(xml\d+)@"/g, "$1");
  const byId = {};
  for (const { id, status, name } of forms) byId[id] = { ...byId[id], [status]: `@${name}@` };
  return [
    ...forms.map(({ name, form }) => `const ${name} = ${JSON.stringify(form)} as const;\n`),
    `/** The XML form (root element, lists) of each response that may be XML. */\nexport const xmlForms = ${JSON.stringify(byId, null, 1).replace(/"@(xml\d+)@"/g, "$1")} as const satisfies Record<string, Record<string, XmlForm>>;\n`,
    `export const operations = ${json} as const satisfies Record<string, Operation>;\n`,
  ];
}

/** `{ production: url, test: url }` from each server's `x-environment`. */
export function serversFromSpec(spec) {
  return Object.fromEntries(
    (spec.servers ?? [])
      .filter((server) => server["x-environment"])
      .map((server) => [server["x-environment"], server.url]),
  );
}

/** The run-time metadata of every operation, keyed by operationId. */
export function operationsFromSpec(spec) {
  const resolve = (node) => resolveRef(spec, node);
  const operations = {};
  for (const { path, method, operation: op, item } of operationsOf(spec)) {
    if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      .map(resolve)
      .filter((param) => param.in === "path" || param.in === "query")
      .map((param) => ({
        name: param.name,
        in: param.in,
        required: param.required === true,
        rule: ruleOf(resolve(param.schema ?? {}), resolve),
      }));
    const body = resolve(op.requestBody);
    const bodySchema = body && resolve(Object.values(body.content ?? {})[0]?.schema);
    const responses = {};
    for (const [status, rawResponse] of Object.entries(op.responses ?? {})) {
      if (!/^2/.test(status)) continue; // error bodies are read as text, whatever they declare
      const content = resolve(rawResponse).content ?? {};
      const media = Object.keys(content);
      const schema = resolve(Object.values(content)[0]?.schema);
      responses[status] = {
        media,
        ...(schema ? { shape: shapeOf(schema, resolve) } : {}),
        ...(media.some((type) => /xml/.test(type)) && schema
          ? { xml: xmlOf(schema, resolve) }
          : {}),
      };
    }
    const security = op.security ?? spec.security ?? [];
    operations[op.operationId] = {
      method: method.toUpperCase(),
      path,
      ...(params.length > 0 ? { params } : {}),
      ...(body ? { body: Object.keys(body.content ?? {})[0] } : {}),
      ...(bodySchema ? { bodyRule: bodyRuleOf(bodySchema, resolve) } : {}),
      responses,
      signed: security.some((requirement) => Object.keys(requirement).length > 0),
      ...(op.deprecated ? { deprecated: deprecationText(op) } : {}),
    };
  }
  return operations;
}

/** The validation a parameter's (or a body field's) value gets before any request. */
function ruleOf(schema, resolve) {
  const node = resolve(schema);
  const rule = { types: typesOf(node, resolve) };
  for (const key of ["pattern", "minLength", "maxLength", "enum", "minimum", "maximum"]) {
    if (node[key] !== undefined) rule[key] = node[key];
  }
  // An open enum, `anyOf: [<an enum>, {type: string}]`: the known values are offered, any
  // string is accepted.
  const members = (node.anyOf ?? []).map(resolve);
  const closed = members.find((member) => member.enum);
  if (closed && members.some((member) => member.type === "string" && !member.enum)) {
    rule.enum = closed.enum;
    rule.openEnum = true;
  }
  // An absolute http(s) URL: `format: uri`, or a string whose schema lists the placeholders the
  // URL may carry (`x-url-placeholders`: the spec's ReturnUrl, which cannot say `format: uri`
  // because the placeholders' brackets are not allowed in a URI).
  const placeholders = node["x-url-placeholders"];
  if (placeholders !== undefined) {
    if (!Array.isArray(placeholders) || !placeholders.every((p) => typeof p === "string" && p)) {
      throw new Error(
        `x-url-placeholders must be a list of strings: ${JSON.stringify(placeholders)}`,
      );
    }
    rule.placeholders = placeholders;
  }
  if (node.format === "uri" || placeholders) rule.url = true;
  return rule;
}

/** A JSON request body's rules: which fields it requires, and each known field's rule. */
function bodyRuleOf(schema, resolve) {
  const rule = { required: schema.required ?? [] };
  if (schema.properties) {
    rule.fields = Object.fromEntries(
      Object.entries(schema.properties).map(([name, sub]) => [name, ruleOf(sub, resolve)]),
    );
  }
  return rule;
}

/** The JSON types a value of this schema may have ("string", "null", "array", …), $refs followed. */
function typesOf(schema, resolve) {
  const node = resolve(schema);
  if (node.type) return [node.type].flat();
  if (node.enum)
    return [...new Set(node.enum.map((value) => (value === null ? "null" : typeof value)))];
  const alternatives = node.anyOf ?? node.oneOf ?? node.allOf ?? [];
  return [...new Set(alternatives.flatMap((alt) => typesOf(alt, resolve)))];
}

/** The shape check: types at every level, fields of objects and items of arrays. */
function shapeOf(schema, resolve, depth = 0) {
  const node = resolve(schema);
  const shape = { types: typesOf(node, resolve) };
  if (depth > 8) return shape; // a recursive schema: deeper levels go unchecked
  const members = [node, ...(node.anyOf ?? node.oneOf ?? node.allOf ?? [])].map(resolve);
  const properties = Object.assign({}, ...members.map((member) => member.properties ?? {}));
  if (Object.keys(properties).length > 0) {
    shape.fields = Object.fromEntries(
      Object.entries(properties).map(([name, sub]) => [name, shapeOf(sub, resolve, depth + 1)]),
    );
  }
  const items = members.find((member) => member.items)?.items;
  if (items) shape.items = shapeOf(items, resolve, depth + 1);
  return shape;
}

/** The XML root element's name and which of its children are lists (`type: array`). */
function xmlOf(schema, resolve) {
  const node = resolve(schema);
  const lists = Object.entries(node.properties ?? {})
    .filter(([, sub]) => typesOf(sub, resolve).includes("array"))
    .map(([name, sub]) => resolve(sub).xml?.name ?? name);
  return { root: node.xml?.name ?? node.title, lists };
}

/** The spec's own words: the description's paragraph that starts with "Deprecated". */
function deprecationText(op) {
  const paragraph = (op.description ?? "")
    .split(/\n\s*\n/)
    .find((text) => /^\W*deprecated/i.test(text.trim()));
  const plain = (paragraph ?? "Deprecated.").replace(/[*_`]/g, "").replace(/\s+/g, " ").trim();
  return plain;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(await generate())) {
    writeFileSync(join(outDir, name), text);
  }
}
