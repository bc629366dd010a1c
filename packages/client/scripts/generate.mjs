// Generates src/generated/ from the bundled description (never edited by hand, never committed):
// - schema.ts: the paths/components types, by openapi-typescript;
// - spec.ts: the few values the client needs at run time (servers, the RequestId rule, the
//   response's field types for the shape check), so they come from the spec, not from a copy.
// Exports generate() for the test that checks the files are current.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
    "spec.ts": `${banner}${specConstants(spec)}`,
  };
}

function specConstants(spec) {
  const { schemas, parameters } = spec.components;
  const requestId = parameters.RequestId.schema;
  const fieldTypes = (schema) =>
    Object.fromEntries(
      Object.entries(schema.properties).map(([name, sub]) => [name, typesOf(sub)]),
    );
  const servers = Object.fromEntries(
    spec.servers.map((server) => [server.description.toLowerCase(), server.url]),
  );
  const values = {
    servers,
    operationPath: Object.keys(spec.paths)[0],
    requestIdPattern: requestId.pattern,
    requestIdMaxLength: requestId.maxLength,
    sessionFieldTypes: fieldTypes(schemas.SignereIdResponse),
    metaDataEntryFieldTypes: fieldTypes(schemas.MetaDataEntry),
    xmlRootName: schemas.SignereIdResponse.xml.name,
  };
  return Object.entries(values)
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)} as const;\n`)
    .join("\n");
}

/** The JSON types a value of this schema may have ("string", "null", "array", …). */
function typesOf(schema) {
  if (schema.type) return [schema.type].flat();
  const alternatives = schema.anyOf ?? schema.oneOf ?? [];
  return [...new Set(alternatives.flatMap((alt) => (alt.$ref ? ["string"] : typesOf(alt))))];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(await generate())) {
    writeFileSync(join(outDir, name), text);
  }
}
