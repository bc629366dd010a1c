// Replaces the personal data of a recorded session with synthetic values, keeping its shape: an
// empty field stays empty (that it was empty is worth recording), a filled one gets a placeholder.

/** Synthetic values. The national id number fails the checksum, so it can be nobody's. */
export const SYNTHETIC: Readonly<Record<string, string>> = {
  Name: "Kari Nordmann",
  FirstName: "Kari",
  MiddleName: "Synthetic",
  LastName: "Nordmann",
  DateOfBirth: "010100",
  SocialSecurityNumber: "01010000000",
  IdentityProviderUniqueId: "9578-6000-4-00000",
  IPAddress: "192.0.2.1",
};
const METADATA_VALUE = "[removed by the recorder]";
const NATIONAL_ID = /(?<!\d)\d{6}[ -]?\d{5}(?!\d)/g;

export function anonymiseSession(session: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...session };
  for (const [field, value] of Object.entries(SYNTHETIC)) {
    if (typeof out[field] === "string" && out[field] !== "") out[field] = value;
  }
  if (Array.isArray(out.MetaData)) {
    out.MetaData = out.MetaData.map((entry: Record<string, unknown>) => ({
      ...entry,
      Value: typeof entry?.Value === "string" && entry.Value !== "" ? METADATA_VALUE : entry?.Value,
    }));
  }
  return out;
}

/** The same for the XML form, element by element, whatever the namespace prefix. */
export function anonymiseXml(xml: string): string {
  let out = xml;
  for (const [field, value] of Object.entries(SYNTHETIC)) {
    out = out.replace(elementWithText(field), (_m, open, close) => `${open}${value}${close}`);
  }
  return out.replace(
    elementWithText("Value"),
    (_m, open, close) => `${open}${METADATA_VALUE}${close}`,
  );
}

/** Error bodies and reasons are free text: any national id number in them is removed. */
export function anonymiseText(text: string): string {
  return text.replace(NATIONAL_ID, SYNTHETIC.SocialSecurityNumber as string);
}

function elementWithText(name: string): RegExp {
  return new RegExp(`(<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>)[^<]+(</(?:[\\w.-]+:)?${name}>)`, "g");
}
