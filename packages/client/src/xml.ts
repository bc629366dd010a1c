// Reads the XML form of a session (.NET DataContract XML) into the same object the JSON form
// gives. Loaded only when XML is asked for, so JSON-only users never load the parser.
//
// Nothing undocumented is relied on: namespaces and prefixes are ignored, a MetaData item is read
// whatever its element name, `i:nil="true"` becomes null, and text stays text ("071283" is not a
// number). A DOCTYPE is refused outright, so no entity is ever declared, let alone expanded; the
// parser (@rgrove/parse-xml, a strict XML 1.0 parser) refuses any entity it does not know, and
// nesting deeper than MAX_DEPTH is refused. Error messages quote the parser and element names,
// which come from the server: redacted.
import { parseXml as parseDocument, type XmlElement, type XmlNode } from "@rgrove/parse-xml";
import type { XmlForm } from "./core/operation.js";
import { SignereIdResponseFormatError } from "./errors.js";
import { xmlForms } from "./generated/operations.gen.js";
import { excerpt, NO_SECRETS } from "./redact.js";

// A session is four levels deep (root, MetaData, item, Key); unknown elements get room to spare.
const MAX_DEPTH = 32;
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
  let root: XmlElement | null;
  try {
    root = parseDocument(xml).root;
  } catch (error) {
    // A stack overflow is the parser's answer to absurd nesting.
    fail(
      error instanceof RangeError
        ? "its elements are nested too deeply"
        : error instanceof Error
          ? (error.message.split("\n")[0] ?? "malformed")
          : "malformed",
    );
  }
  // The parser requires exactly one root element: none, or a second one, is an error above.
  const name = localName(root?.name ?? "");
  if (name !== form.root) fail(`the root element is <${name}>, not <${form.root}>`);
  const value = readElement(root as XmlElement, NO_LISTS, new Set(form.lists), 1, fail);
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const sessionXml = xmlForms.getSignereIdSession["200"];

/** Parses a SignereIdResponse XML document. Throws SignereIdResponseFormatError("invalid-xml"). */
export function parseSignereIdXml(xml: string): Record<string, unknown> {
  return parseXml(xml, sessionXml, (why) => {
    throw new SignereIdResponseFormatError(
      `The XML response could not be read: ${excerpt(why, NO_SECRETS)}.`,
      { problem: "invalid-xml", contentType: "application/xml" },
    );
  });
}

/** The name without its namespace prefix: `a:Name` → `Name`. */
function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

const isElement = (node: XmlNode): node is XmlElement => node.type === "element";

/**
 * `lists` says which names are lists at this level, `childLists` at the next: only the root's
 * members can be lists, so an item that happens to be named like its list (<MetaData> inside
 * <MetaData>) is still read as an item.
 */
function readElement(
  element: XmlElement,
  lists: ReadonlySet<string>,
  childLists: ReadonlySet<string>,
  depth: number,
  fail: (why: string) => never,
): unknown {
  if (depth > MAX_DEPTH) fail(`its elements are nested more than ${MAX_DEPTH} deep`);
  const nil = Object.keys(element.attributes).some(
    (key) =>
      localName(key) === "nil" && !key.startsWith("xmlns") && element.attributes[key] === "true",
  );
  if (nil) return null;
  const children = element.children.filter(isElement);
  const read = (child: XmlElement, next: ReadonlySet<string>) =>
    readElement(child, next, NO_LISTS, depth + 1, fail);
  if (lists.has(localName(element.name))) return children.map((child) => read(child, NO_LISTS));
  if (children.length === 0) return element.text;
  // fromEntries defines own properties: an element named __proto__ stays a plain field.
  return Object.fromEntries(
    children.map((child) => [localName(child.name), read(child, childLists)]),
  );
}
