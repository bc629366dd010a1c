// Every element of the description carries a valid evidence label (x-evidence), and readers see
// it: a readable line in each description and a table in the introduction, both generated from
// the labels when the description is bundled.
import { describe, expect, it } from "vitest";
import {
  evidenceLine,
  evidenceTable,
  LEVELS,
  labelledElements,
  labelProblem,
  SOURCES,
  TABLE_MARKER,
} from "../plugins/evidence.js";
import { bundle } from "./helpers.js";

const elements = [...labelledElements(bundle)];

describe("x-evidence", () => {
  it("is on every operation, parameter, header, response, schema and property, and valid", () => {
    const kinds = new Set(elements.map((element) => element.kind));
    for (const kind of [
      "operation",
      "parameter",
      "header",
      "response",
      "schema",
      "security scheme",
    ])
      expect(kinds).toContain(kind);
    expect(elements.length).toBeGreaterThan(40);
    const problems = elements
      .map(({ kind, name, node }) => [`${kind} ${name}`, labelProblem(node["x-evidence"])])
      .filter(([, problem]) => problem);
    expect(problems).toEqual([]);
  });

  it("the walk would find an element without a label (control)", () => {
    const broken = structuredClone(bundle);
    delete broken.components.schemas.SignereIdResponse.properties.Name["x-evidence"];
    delete broken.paths["/api/SignereId/{RequestId}"].get["x-evidence"];
    const missing = [...labelledElements(broken)]
      .filter(({ node }) => labelProblem(node["x-evidence"]))
      .map(({ name }) => name);
    expect(missing).toEqual(["SignereIdResponse.Name", "getSignereIdSession"]);
  });

  it.each([
    ["no label", undefined, /no x-evidence/],
    ["an unknown level", { level: "certain", sources: ["DOC-GET"] }, /level/],
    ["an unknown source", { level: "likely", sources: ["BLOG"] }, /unknown sources BLOG/],
    ["confirmed without a source", { level: "confirmed", sources: [] }, /without a source/],
    ["design without a reason", { level: "design", sources: [] }, /without a note/],
    ["an unknown key", { level: "guess", sources: [], confidence: 1 }, /unknown keys/],
  ])("rejects %s", (_what, label, problem) => {
    expect(labelProblem(label)).toMatch(problem);
  });

  it("uses exactly the facts file's levels, plus design, and its source keys", () => {
    expect(Object.keys(LEVELS)).toEqual(["confirmed", "likely", "guess", "design"]);
    expect(Object.keys(SOURCES)).toEqual([
      "DOC-GET",
      "EX-RAW",
      "EX-RAW2",
      "EX-CLI",
      "EVT",
      "PHP",
      "TS-LEG",
      "SWAG",
      "IDFY-DOCS",
    ]);
  });

  it("stays in the published bundle, machine-readable", () => {
    const operation = bundle.paths["/api/SignereId/{RequestId}"].get;
    expect(operation["x-evidence"]).toEqual(expect.objectContaining({ level: "confirmed" }));
  });
});

describe("readers see the evidence", () => {
  it("as a readable line in every labelled description, never as raw JSON", () => {
    let described = 0;
    for (const { name, node } of elements) {
      if (typeof node.description !== "string") continue;
      described += 1;
      expect(node.description, name).toContain(evidenceLine(node["x-evidence"]));
      expect(node.description, name).not.toMatch(/"level"|level:|x-evidence/);
    }
    expect(described).toBeGreaterThan(30);
  });

  it("names a source by what it is: 'Evidence: likely (PHP SDK, third-party)'", () => {
    expect(evidenceLine({ level: "likely", sources: ["PHP"] })).toBe(
      "Evidence: **likely** (PHP SDK, third-party).",
    );
    expect(evidenceLine({ level: "design", sources: [], note: "Why." })).toMatch(
      /^Evidence: \*\*design\*\*, this description's choice, not the vendor's\. Why\.$/,
    );
  });

  it("a parameter shows its value's design label (the RequestId limit)", () => {
    expect(bundle.components.parameters.RequestId.description).toContain("Its value: **design**");
  });

  it("in a table in the introduction, generated from the labels", () => {
    const intro: string = bundle.info.description;
    expect(intro).not.toContain(TABLE_MARKER);
    expect(intro).toContain(evidenceTable(bundle));
    for (const level of Object.keys(LEVELS))
      expect(intro).toMatch(new RegExp(`\\| \\*\\*${level}\\*\\* \\|`));
    expect(evidenceTable(bundle)).toContain("`SignereIdResponse.DateOfBirth`");
  });

  it("the table follows the labels (control)", () => {
    const changed = structuredClone(bundle);
    changed.components.schemas.SignereIdResponse.properties.Name["x-evidence"].level = "guess";
    expect(evidenceTable(changed)).not.toBe(evidenceTable(bundle));
  });
});
