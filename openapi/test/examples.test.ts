import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { bundle, deref, examplesWithSchemas, recordings, validatorAt } from "./helpers.js";

const examples = [...examplesWithSchemas()];
const jsonExamples = examples.filter((example) => example.mediaType === "application/json");
const xmlExamples = examples.filter((example) => example.mediaType === "application/xml");

describe("examples", () => {
  it("exist for both media types of the 200 response", () => {
    expect(jsonExamples.length).toBeGreaterThanOrEqual(1);
    expect(xmlExamples.length).toBeGreaterThanOrEqual(1);
  });

  it.each(jsonExamples.map((example) => [example.where, example] as const))(
    "%s validates against its schema (JSON Schema 2020-12)",
    (_where, example) => {
      const validate = validatorAt(example.schemaPointer);
      expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(xmlExamples.map((example) => [example.where, example] as const))(
    "%s is well-formed XML shaped by the schema's xml names",
    (_where, example) => {
      const schema = deref(deref({ $ref: `#${example.schemaPointer}` }));
      const parsed = new XMLParser({
        removeNSPrefix: true,
        ignoreAttributes: true,
        ignoreDeclaration: true,
      }).parse(example.value as string);
      const [rootName, ...others] = Object.keys(parsed);
      expect(others).toEqual([]);
      expect(rootName).toBe(schema.xml.name);
      for (const element of Object.keys(parsed[rootName])) {
        expect(Object.keys(schema.properties)).toContain(element);
      }
    },
  );

  it("include the vendor's documented example verbatim", () => {
    const vendor = recordings.find((recording) => recording.file === "vendor-example.json");
    const values = jsonExamples.map((example) => example.value);
    expect(values).toContainEqual(vendor?.response.body);
  });

  it("on parameters and schema properties validate against their own schema", () => {
    const checks: [string, unknown, string][] = [];
    for (const [name, parameter] of Object.entries<any>(bundle.components.parameters)) {
      checks.push([
        `parameter ${name}`,
        parameter.schema.example,
        `/components/parameters/${name}/schema`,
      ]);
    }
    for (const [name, schema] of Object.entries<any>(bundle.components.schemas)) {
      if ("example" in schema)
        checks.push([`schema ${name}`, schema.example, `/components/schemas/${name}`]);
      for (const [property, sub] of Object.entries<any>(schema.properties ?? {})) {
        const pointer = `/components/schemas/${name}/properties/${property}`;
        checks.push([`${name}.${property}`, sub.example, pointer]);
      }
    }
    expect(checks.length).toBeGreaterThan(20);
    for (const [where, value, pointer] of checks) {
      expect(value, `${where} has no example`).not.toBeUndefined();
      const validate = validatorAt(pointer);
      expect(validate(value), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe("recordings", () => {
  it.each(
    recordings
      .filter(
        (r) =>
          r.operationId === "getSignereIdSession" &&
          r.response.status === 200 &&
          typeof r.expected === "object",
      )
      .map((r) => [r.file, r] as const),
  )("%s: the expected session validates against SignereIdResponse", (_file, recording) => {
    const validate = validatorAt("/components/schemas/SignereIdResponse");
    expect(validate(recording.expected), JSON.stringify(validate.errors)).toBe(true);
  });
});
