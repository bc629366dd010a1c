// Writes a scrubbed session as .NET DataContract XML: the vendor's declaration, the root element,
// `xmlns:i` and `i:nil="true"` for nulls. Re-serialised from the value, never edited from the
// received text, so comments, CDATA, attributes and entities of the original cannot survive.
import { XMLBuilder } from "fast-xml-parser";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = Record<string, unknown>;

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  suppressEmptyNode: true,
  processEntities: true,
});

export function toSessionXml(session: Record<string, Json>, root: string): string {
  return builder.build([
    { "?xml": [{ "#text": "" }], ":@": { version: "1.0", encoding: "utf-8" } },
    { [root]: children(session, root), ":@": { "xmlns:i": XSI } },
  ]) as string;
}

function element(name: string, value: Json): Node {
  if (value === null) return { [name]: [], ":@": { "i:nil": "true" } };
  return { [name]: children(value, name) };
}

// A list's items are named after the list (`<MetaData><MetaData>…`), the DataContract habit.
function children(value: Json, name: string): Node[] {
  if (Array.isArray(value)) return value.map((item) => element(name, item));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).map(([child, item]) => element(child, item));
  return value === "" ? [] : [{ "#text": String(value) }];
}
