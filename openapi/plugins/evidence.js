// Evidence labels (`x-evidence`): the vocabulary, a walk over every labelled element of a bundled
// description, and a Redocly decorator that makes the labels readable. The decorator appends a
// line such as "Evidence: likely (PHP SDK, third-party)" to each element's description, and
// fillEvidenceTable (run by scripts/build.mjs on the finished bundle) replaces the introduction's
// `<!-- evidence-table -->` with a table generated from the labels, so the docs can never say
// more than the labels do. The labels themselves stay in the bundle for
// tools; Redoc does not render them (showExtensions is off in apps/docs/redocly.yaml).

import { operationsOf } from "../recordings.js";

/** What each level claims about the vendor (the facts file's meanings), and `design`. */
export const LEVELS = {
  confirmed:
    "stated by the vendor's own documentation or examples, or done identically by several independent clients",
  likely: "strongly implied, or stated by one source that never ran against the server",
  guess: "no source: described as not documented, and designed around",
  design: "this description's own choice, not a claim about the vendor (the note says why)",
};

/** The facts file's source keys, as a reader should see them. */
export const SOURCES = {
  "DOC-GET": "the vendor's reference page",
  "EX-RAW": "the vendor's raw-HTTP example",
  "EX-RAW2": "the vendor's other raw examples",
  "EX-CLI": "the vendor's .NET client example",
  EVT: "the vendor's Signere.Events client",
  PHP: "PHP SDK, third-party",
  "TS-LEG": "the vendor's legacy JS client",
  SWAG: "the successor's API reference",
  "IDFY-DOCS": "the successor's docs",
};

const KEYS = new Set(["level", "sources", "note", "design"]);

/** Why a label is invalid, or undefined when it is valid. */
export function labelProblem(label) {
  if (label === null || typeof label !== "object" || Array.isArray(label)) return "no x-evidence";
  const extra = Object.keys(label).filter((key) => !KEYS.has(key));
  if (extra.length > 0) return `unknown keys ${extra.join(", ")}`;
  if (!(label.level in LEVELS))
    return `level "${label.level}" is not one of ${Object.keys(LEVELS)}`;
  if (!Array.isArray(label.sources)) return "sources is not a list";
  const unknown = label.sources.filter((source) => !(source in SOURCES));
  if (unknown.length > 0) return `unknown sources ${unknown.join(", ")}`;
  if (label.level === "confirmed" && label.sources.length === 0)
    return "confirmed without a source";
  for (const key of ["note", "design"]) {
    if (key in label && (typeof label[key] !== "string" || label[key].trim() === ""))
      return `${key} is not a sentence`;
  }
  if (label.level === "design" && !label.note) return "design without a note saying why";
  return undefined;
}

/**
 * Every element that must carry a label, in a bundled description (local `$ref`s are skipped:
 * their targets are visited under components): operations, parameters, headers, request bodies,
 * responses, security schemes, and every schema, down to properties, items and alternatives.
 */
export function* labelledElements(doc) {
  const c = doc.components ?? {};
  for (const [name, scheme] of Object.entries(c.securitySchemes ?? {}))
    if (!scheme.$ref) yield { kind: "security scheme", name: scheme.name ?? name, node: scheme };
  for (const [name, parameter] of Object.entries(c.parameters ?? {}))
    yield* parameterElements(parameter, name);
  for (const [name, header] of Object.entries(c.headers ?? {})) yield* headerElements(header, name);
  for (const [name, body] of Object.entries(c.requestBodies ?? {}))
    yield* bodyElements(body, `${name} request body`);
  for (const [name, response] of Object.entries(c.responses ?? {}))
    yield* responseElements(response, `${name} response`);
  for (const [name, schema] of Object.entries(c.schemas ?? {})) yield* schemaElements(schema, name);
  for (const item of Object.values(doc.paths ?? {}))
    for (const parameter of item.parameters ?? []) yield* parameterElements(parameter);
  for (const { path, method, operation } of operationsOf(doc)) {
    const name = operation.operationId ?? `${method.toUpperCase()} ${path}`;
    yield { kind: "operation", name, node: operation };
    for (const parameter of operation.parameters ?? []) yield* parameterElements(parameter);
    if (operation.requestBody) yield* bodyElements(operation.requestBody, `${name} request body`);
    for (const [status, response] of Object.entries(operation.responses ?? {}))
      yield* responseElements(response, `${name} ${status} response`);
  }
}

function* parameterElements(parameter, name) {
  if (parameter.$ref) return;
  const label = `${parameter.name ?? name} (${parameter.in} parameter)`;
  yield { kind: "parameter", name: label, node: parameter };
  if (parameter.schema) yield* schemaElements(parameter.schema, `${parameter.name} value`);
}

function* headerElements(header, name) {
  if (header.$ref) return;
  yield { kind: "header", name: `${name} (response header)`, node: header };
  if (header.schema) yield* schemaElements(header.schema, `${name} header value`);
}

function* bodyElements(body, name) {
  if (body.$ref) return;
  yield { kind: "request body", name, node: body };
  yield* contentElements(body.content, name);
}

function* responseElements(response, name) {
  if (response.$ref) return;
  yield { kind: "response", name, node: response };
  for (const [header, value] of Object.entries(response.headers ?? {}))
    yield* headerElements(value, header);
  yield* contentElements(response.content, name);
}

function* contentElements(content, name) {
  for (const [type, media] of Object.entries(content ?? {}))
    if (media.schema) yield* schemaElements(media.schema, `${name} ${type}`);
}

function* schemaElements(schema, name) {
  if (typeof schema !== "object" || schema === null || schema.$ref) return;
  yield { kind: "schema", name, node: schema };
  for (const [property, sub] of Object.entries(schema.properties ?? {}))
    yield* schemaElements(sub, `${name}.${property}`);
  if (schema.items) yield* schemaElements(schema.items, `${name}[]`);
  if (typeof schema.additionalProperties === "object")
    yield* schemaElements(schema.additionalProperties, `${name}.*`);
  for (const key of ["anyOf", "oneOf", "allOf"])
    for (const member of schema[key] ?? [])
      yield* schemaElements(member, `${name}: ${[member.type].flat().join(" or ") || key}`);
}

/** The readable line for a label: "Evidence: likely (PHP SDK, third-party). <note>". */
export function evidenceLine(label) {
  const sources = label.sources.map((key) => SOURCES[key]).join("; ");
  const head =
    label.level === "design"
      ? "Evidence: **design**, this description's choice, not the vendor's"
      : `Evidence: **${label.level}**${sources ? ` (${sources})` : ", no source"}`;
  const lines = [`${head}.${label.note ? ` ${label.note}` : ""}`];
  if (label.design)
    lines.push(`Design choice of this description, not the vendor's: ${label.design}`);
  return lines.join("\n\n");
}

function appendTo(node, text) {
  if (typeof node.description !== "string" || node.description.includes(text)) return;
  node.description = `${node.description.trimEnd()}\n\n${text}`;
}

/** The generated Markdown table: each level, what it means, and the elements it labels. */
export function evidenceTable(doc) {
  const byLevel = Object.fromEntries(Object.keys(LEVELS).map((level) => [level, []]));
  for (const { name, node } of labelledElements(doc)) {
    const level = node["x-evidence"]?.level;
    if (level in byLevel && !byLevel[level].includes(name)) byLevel[level].push(name);
  }
  const rows = Object.entries(byLevel).map(
    ([level, names]) =>
      `| **${level}** | ${LEVELS[level]} | ${names.length} | ${names.map((n) => `\`${n}\``).join(", ")} |`,
  );
  return ["| level | meaning | count | elements |", "|---|---|---|---|", ...rows].join("\n");
}

export const TABLE_MARKER = "<!-- evidence-table -->";

function describeEvidence() {
  const described = (node) => {
    const label = node["x-evidence"];
    if (label && !labelProblem(label)) appendTo(node, evidenceLine(label));
  };
  return {
    Operation: { leave: described },
    Header: { leave: described },
    RequestBody: { leave: described },
    Response: { leave: described },
    Schema: { leave: described },
    SecurityScheme: { leave: described },
    Parameter: {
      leave(parameter, ctx) {
        described(parameter);
        // A parameter's value schema has no description of its own in Redoc: its label, when it
        // says more than the parameter's, is shown with the parameter.
        const schema = parameter.schema?.$ref
          ? ctx.resolve(parameter.schema).node
          : parameter.schema;
        const own = schema?.["x-evidence"];
        const outer = parameter["x-evidence"];
        if (own && !labelProblem(own) && (own.level !== outer?.level || own.note))
          appendTo(parameter, `Its value: ${evidenceLine(own).replace("Evidence: ", "")}`);
      },
    },
  };
}

/**
 * Replaces the introduction's marker with the evidence table. Run on the finished bundle (after
 * the examples are added and shared responses copied), so the table lists what readers see.
 */
export function fillEvidenceTable(doc) {
  const description = doc.info?.description;
  if (typeof description !== "string" || !description.includes(TABLE_MARKER))
    throw new Error(`info.description must contain ${TABLE_MARKER} for the evidence table`);
  doc.info.description = description.replace(TABLE_MARKER, evidenceTable(doc));
  return doc;
}

export default function evidencePlugin() {
  return {
    id: "evidence",
    decorators: { oas3: { describe: describeEvidence } },
  };
}
