// Writes a session as .NET DataContract XML, the form the real API's XML is believed to take:
// the vendor's declaration, root SignereIdResponse, xmlns:i and a default namespace, members in
// ordinal name order, nulls as i:nil; indented two spaces, as the recorded example is. The
// namespace and the MetaData item name are this mock's guesses (the vendor never documented
// them), which is why clients must not depend on them.

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const NAMESPACE =
  "http://schemas.datacontract.org/2004/07/Unipluss.Sign.ExternalContract.Entities.SignereID";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

export function toDataContractXml(session: Record<string, unknown>): string {
  const root = `<SignereIdResponse xmlns:i="${XSI}" xmlns="${NAMESPACE}">`;
  return [DECLARATION, root, ...members(session, 1), "</SignereIdResponse>"].join("\n");
}

function members(object: Record<string, unknown>, depth: number): string[] {
  return Object.keys(object)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((name) => element(name, object[name], depth));
}

function element(name: string, value: unknown, depth: number): string[] {
  const indent = "  ".repeat(depth);
  if (value === null || value === undefined) return [`${indent}<${name} i:nil="true"/>`];
  if (typeof value === "object") {
    const children = Array.isArray(value)
      ? value.flatMap((item) => element(name, item, depth + 1))
      : members(value as Record<string, unknown>, depth + 1);
    if (children.length === 0) return [`${indent}<${name}></${name}>`];
    return [`${indent}<${name}>`, ...children, `${indent}</${name}>`];
  }
  const text = escapeText(String(value));
  return [text === "" ? `${indent}<${name}/>` : `${indent}<${name}>${text}</${name}>`];
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
