// Reads the XML form of a session (.NET DataContract XML) into the same object the JSON form
// gives. Loaded only when XML is asked for, so JSON-only users never load the parser.
//
// Nothing undocumented is relied on: namespaces and prefixes are ignored, a MetaData item is read
// whatever its element name, `i:nil="true"` becomes null, and text stays text ("071283" is not a
// number). A DOCTYPE is refused outright, so no entity is ever declared, let alone expanded.
// Error messages quote the parser and element names, which come from the server: redacted.
import { XMLParser } from "fast-xml-parser";
import type { XmlForm } from "./core/operation.js";
import { SignereIdResponseFormatError } from "./errors.js";
import { operations } from "./generated/operations.gen.js";
import { excerpt, NO_SECRETS } from "./redact.js";

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  // Also decodes numeric character references (&#229;), which XML allows anywhere.
  htmlEntities: true,
});

const NO_LISTS: ReadonlySet<string> = new Set();

export type { XmlForm };

/**
 * Reads an XML document of the form the spec declares (its root element and list members, from
 * generated/operations.gen.ts). A problem is reported through `fail` exactly once: the caller
 * builds the one error it throws. Its text quotes the parser and element names: server text.
 * The request core loads it lazily; use parseSignereIdXml for a session.
 */
export function parseXml(
  xml: string,
  form: XmlForm,
  fail: (why: string) => never,
): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) fail("it declares a DOCTYPE or entities, which are refused");
  let nodes: Node[];
  try {
    nodes = parser.parse(xml, true) as Node[];
  } catch (error) {
    fail(error instanceof Error ? (error.message.split("\n")[0] ?? "malformed") : "malformed");
  }
  const elements = nodes.filter((node) => elementName(node) !== undefined);
  const root = elements[0];
  if (elements.length !== 1 || !root) fail("expected exactly one root element");
  const name = elementName(root) as string;
  if (name !== form.root) fail(`the root element is <${name}>, not <${form.root}>`);
  const value = readElement(root, name, NO_LISTS, new Set(form.lists));
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const sessionXml = operations.getSignereIdSession.responses["200"].xml;

/** Parses a SignereIdResponse XML document. Throws SignereIdResponseFormatError("invalid-xml"). */
export function parseSignereIdXml(xml: string): Record<string, unknown> {
  return parseXml(xml, sessionXml, (why) => {
    throw new SignereIdResponseFormatError(
      `The XML response could not be read: ${excerpt(why, NO_SECRETS)}.`,
      { problem: "invalid-xml", contentType: "application/xml" },
    );
  });
}

function elementName(node: Node): string | undefined {
  return Object.keys(node).find(
    (key) => key !== ":@" && key !== "#text" && !key.startsWith("?") && key !== "#comment",
  );
}

/**
 * `lists` says which names are lists at this level, `childLists` at the next: only the root's
 * members can be lists, so an item that happens to be named like its list (<MetaData> inside
 * <MetaData>) is still read as an item.
 */
function readElement(
  node: Node,
  name: string,
  lists: ReadonlySet<string>,
  childLists: ReadonlySet<string> = NO_LISTS,
): unknown {
  if (node[":@"]?.nil === "true") return null;
  const children = (node[name] as Node[]).filter((child) => elementName(child) !== undefined);
  if (lists.has(name)) {
    return children.map((child) => readElement(child, elementName(child) as string, NO_LISTS));
  }
  if (children.length === 0) {
    return (node[name] as Node[]).map((child) => String(child["#text"] ?? "")).join("");
  }
  const object: Record<string, unknown> = {};
  for (const child of children) {
    const childName = elementName(child) as string;
    object[childName] = readElement(child, childName, childLists);
  }
  return object;
}
