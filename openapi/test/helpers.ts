import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadRecordings } from "../recordings.js";

export const root = join(import.meta.dirname, "..");

/** The bundled description, as every downstream package reads it. */
export const bundle = JSON.parse(readFileSync(join(root, "dist/openapi.json"), "utf8"));

export type { LoadedRecording as Recording } from "../recordings.js";

/** The recordings, read the one way every package reads them (the package's loader). */
export const recordings = loadRecordings();

/**
 * A JSON Schema 2020-12 validator over the bundle: `validatorAt(pointer)` validates against the
 * schema at that JSON pointer, with its `#/components/...` references resolved in the bundle.
 * Not strict: OpenAPI adds keywords (example, xml) that plain JSON Schema does not know.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(bundle, "openapi.json");
export const validatorAt = (pointer: string) => ajv.compile({ $ref: `openapi.json#${pointer}` });

export const escapePointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** Every example in the bundle with the pointer of the schema it must match. */
export function* examplesWithSchemas(): Generator<{
  where: string;
  value: unknown;
  schemaPointer: string;
  mediaType?: string;
}> {
  for (const [path, item] of Object.entries<any>(bundle.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (method === "parameters") continue;
      const base = `/paths/${escapePointer(path)}/${method}`;
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        const resolved = response.$ref
          ? deref(response)
          : { ...response, $pointer: `${base}/responses/${status}` };
        for (const [mediaType, content] of Object.entries<any>(resolved.content ?? {})) {
          const schemaPointer = `${resolved.$pointer}/content/${escapePointer(mediaType)}/schema`;
          for (const [name, example] of Object.entries<any>(content.examples ?? {})) {
            const where = `${base} ${status} ${mediaType} examples.${name}`;
            yield { where, value: deref(example).value, schemaPointer, mediaType };
          }
        }
      }
    }
  }
}

/** Follows a local $ref in the bundle, remembering where the target lives. */
export function deref(node: any): any {
  if (!node?.$ref) return node;
  const pointer = node.$ref.slice(1);
  const target = pointer
    .split("/")
    .slice(1)
    .reduce((at: any, key: string) => at[key.replaceAll("~1", "/").replaceAll("~0", "~")], bundle);
  return { ...target, $pointer: pointer };
}
