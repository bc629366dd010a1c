// Writes a session as .NET DataContract XML, the form the real API's XML is believed to take:
// root SignereIdResponse, xmlns:i and a default namespace, members in ordinal name order,
// nulls as i:nil. The namespace and the MetaData item name are this mock's guesses (the vendor
// never documented them), which is why clients must not depend on them.

const NAMESPACE =
  "http://schemas.datacontract.org/2004/07/Unipluss.Sign.ExternalContract.Entities.SignereID";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

export function toDataContractXml(session: Record<string, unknown>): string {
  return `<SignereIdResponse xmlns:i="${XSI}" xmlns="${NAMESPACE}">${members(session)}</SignereIdResponse>`;
}

function members(object: Record<string, unknown>): string {
  return Object.keys(object)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => element(name, object[name]))
    .join("");
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} i:nil="true"/>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => element(name, item)).join("")}</${name}>`;
  if (typeof value === "object")
    return `<${name}>${members(value as Record<string, unknown>)}</${name}>`;
  const text = escapeText(String(value));
  return text === "" ? `<${name}/>` : `<${name}>${text}</${name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
