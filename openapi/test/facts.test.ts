// Holds the description to the facts file (shared/signereid-api-facts.md): every field, enum
// value, header, parameter, server and example value stated there must be in the bundle.
import { describe, expect, it } from "vitest";
import { bundle, recordings } from "./helpers.js";

// The session's 14 fields, in the order of the vendor's JSON example (DOC-GET).
const SESSION_FIELDS = [
  "Name",
  "FirstName",
  "MiddleName",
  "LastName",
  "DateOfBirth",
  "Status",
  "MetaData",
  "SocialSecurityNumber",
  "IdentityProviderUniqueId",
  "UserAgent",
  "IPAddress",
  "IdentityProvider",
  "ErrorCode",
  "ErrorMessage",
];

const operation = bundle.paths["/api/SignereId/{RequestId}"]?.get;
const session = bundle.components.schemas.SignereIdResponse;
const text = JSON.stringify(bundle);

describe("the description states the facts", () => {
  it("the operation, deprecated, with its parameters", () => {
    expect(operation.operationId).toBe("getSignereIdSession");
    expect(operation.deprecated).toBe(true);
    expect(operation.tags).toHaveLength(1);
    const parameters = [
      ...bundle.paths["/api/SignereId/{RequestId}"].parameters,
      ...operation.parameters,
    ].map((p: { $ref: string }) => bundle.components.parameters[p.$ref.split("/").pop() as string]);
    const byName = Object.fromEntries(parameters.map((p: any) => [p.name, p]));
    expect(byName.RequestId).toMatchObject({ in: "path", required: true });
    expect(byName.metadata).toMatchObject({
      in: "query",
      required: true,
      schema: { type: "boolean" },
    });
    expect(byName["API-ALGORITHM"].schema.enum).toEqual(["SHA256", "SHA512"]);
    expect(byName["API-USINGSECONDARYTOKEN"]).toMatchObject({ in: "header" });
    expect(byName["API-RETURNERRORHEADER"]).toMatchObject({ in: "header" });
  });

  it("both servers", () => {
    expect(bundle.servers.map((s: { url: string }) => s.url)).toEqual([
      "https://api.signere.no",
      "https://testapi.signere.no",
    ]);
  });

  it("the signing headers as apiKey schemes, all required together", () => {
    const schemes = bundle.components.securitySchemes;
    const names = Object.values<any>(schemes).map((s) => [s.type, s.in, s.name]);
    expect(names).toEqual([
      ["apiKey", "header", "API-ID"],
      ["apiKey", "header", "API-TIMESTAMP"],
      ["apiKey", "header", "API-TOKEN"],
    ]);
    expect(bundle.security).toEqual([{ ApiId: [], ApiTimestamp: [], ApiToken: [] }]);
  });

  it("the signing recipe and its test vector", () => {
    const intro = bundle.info.description;
    expect(intro).toContain("&Timestamp=");
    expect(intro).toContain("&Httpverb=GET");
    expect(intro).toContain("yyyy-MM-ddTHH:mm:ss");
    expect(intro).toContain(
      "03A5727858B9DDED535A3F5BDA5EA5FAEFD95BFB7DC669CCA8BB56ED942796267773DA4AECF0C050A376746A52D576E4ADF325A8C26B0DD081DD3A8E1E7596A7",
    );
    expect(intro).toContain("example-secondary-key");
    expect(intro).toMatch(/secondary\*\* API key/);
    expect(intro).toContain("https://api.idfy.io/identification/session");
  });

  it("every response field, in the vendor's order", () => {
    expect(Object.keys(session.properties)).toEqual(SESSION_FIELDS);
    expect(session.xml).toEqual({ name: "SignereIdResponse" });
    expect(bundle.components.schemas.MetaDataEntry.properties).toHaveProperty("Key");
    expect(bundle.components.schemas.MetaDataEntry.properties).toHaveProperty("Value");
  });

  it("all eight identity providers and the attested statuses", () => {
    expect(bundle.components.schemas.IdentityProviderType.enum).toEqual([
      "UNKNOWN",
      "NO_BANKID_MOBILE",
      "NO_BANKID_WEB",
      "SWE_BANKID",
      "SWE_BANKID_MOBILE",
      "NO_BUYPASS",
      "DA_NEMID",
      "FI_TUPAS",
    ]);
    expect(bundle.components.schemas.LoginStatus.enum).toEqual(["LOGIN", "UNKNOWN"]);
  });

  it("the open sets stay open: unknown Status and IdentityProvider values are valid", () => {
    for (const field of ["Status", "IdentityProvider"]) {
      expect(session.properties[field].anyOf).toContainEqual(
        expect.objectContaining({ type: "string" }),
      );
    }
  });

  it("200 as JSON and XML, and the plausible errors, each carrying Date", () => {
    const responses = operation.responses;
    expect(Object.keys(responses)).toEqual(["200", "400", "401", "403", "404", "500"]);
    const ok = bundle.components.responses.Session;
    expect(Object.keys(ok.content)).toEqual(["application/json", "application/xml"]);
    for (const [status, entry] of Object.entries<any>(responses)) {
      const response = entry.$ref
        ? bundle.components.responses[entry.$ref.split("/").pop()]
        : entry;
      expect(response.headers).toHaveProperty("Date");
      if (status !== "200") expect(response.description).toMatch(/not documented/);
    }
  });

  it("every example value of the facts file", () => {
    for (const value of [
      "Stein Olav Hagen Davidsen",
      "071283",
      "9578-6000-4-48855",
      "NO_BANKID_WEB",
      "C307",
      "PKI modul i SIM kort er blokkert.",
      "user.certificate.json",
      "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2",
      "http://www.w3.org/2001/XMLSchema-instance",
    ]) {
      expect(text).toContain(value);
    }
  });

  it("a description and an example on every schema property and parameter", () => {
    for (const [name, schema] of Object.entries<any>(bundle.components.schemas)) {
      expect(schema.description, name).toBeTruthy();
      for (const [property, sub] of Object.entries<any>(schema.properties ?? {})) {
        expect(sub.description, `${name}.${property}`).toBeTruthy();
        expect(sub, `${name}.${property}`).toHaveProperty("example");
      }
    }
    for (const [name, parameter] of Object.entries<any>(bundle.components.parameters)) {
      expect(parameter.description, name).toBeTruthy();
      expect(parameter.schema, name).toHaveProperty("example");
    }
  });
});

// The facts file's labels (second edition), for the elements it labels. The spec's x-evidence
// must say the same: a label more confident than the facts file is the error this guards.
const FACT_LEVELS: Record<string, string> = {
  "operation getSignereIdSession": "confirmed",
  "parameter RequestId": "confirmed",
  "parameter metadata": "confirmed",
  "parameter API-ALGORITHM": "confirmed",
  "parameter API-USINGSECONDARYTOKEN": "confirmed",
  "parameter API-RETURNERRORHEADER": "likely",
  "security scheme API-ID": "confirmed",
  "security scheme API-TIMESTAMP": "confirmed",
  "security scheme API-TOKEN": "confirmed",
  "header Date": "likely",
  "response 200": "likely",
  "response 400": "guess",
  "response 401": "guess",
  "response 403": "guess",
  "response 404": "guess",
  "response 500": "guess",
  "schema ErrorBody": "guess",
  "schema IdentityProviderType": "confirmed",
  "schema LoginStatus": "likely",
  "schema MetaDataEntry": "confirmed",
  "schema SignereIdResponse": "confirmed",
  ...Object.fromEntries(
    SESSION_FIELDS.filter((field) => field !== "DateOfBirth").map((field) => [
      `field ${field}`,
      "confirmed",
    ]),
  ),
  "field DateOfBirth": "likely",
  // The rest of the resource (the facts file's sections on each operation).
  "operation createSignereIdSession": "confirmed",
  "operation getSignereIdSessionCompleted": "likely",
  "operation invalidateSignereIdSession": "likely",
  "operation getServerTime": "confirmed",
  "schema SignereIdRequest": "confirmed",
  ...Object.fromEntries(
    ["CancelUrl", "ErrorUrl", "SuccessUrl", "ExternalReference", "IdentityProvider"].map(
      (field) => [`request field ${field}`, "confirmed"],
    ),
  ),
  // The flag's name is confirmed (the vendor's reference page names it); its type is likely.
  "request field GetSocialSecurityNumber": "confirmed",
  ...Object.fromEntries(
    ["Language", "PageTitle", "UseIframe", "UseWebMessaging", "Domain", "Height"].map((field) => [
      `request field ${field}`,
      "likely",
    ]),
  ),
  "schema ReturnUrl": "likely",
  "schema Language": "likely",
  "schema SignereIdCreateResponse": "confirmed",
  "create field Url": "confirmed",
  "create field RequestId": "confirmed",
  "create field Started": "likely",
  "create field BankIDMobileReference": "guess",
  "create field Status": "guess",
  "schema SignereIdCompleted": "guess",
  "schema InvalidateRequest": "likely",
  "schema ServerTime": "confirmed",
  // This project's choices, never vendor facts.
  "schema RequestId": "design",
  "RequestId limits": "design",
  "Status: other values": "design",
  "IdentityProvider: other values": "design",
};

function specLevels(): Record<string, string> {
  const c = bundle.components;
  const level = (node: any) => node["x-evidence"]?.level;
  const byName = (name: string) =>
    Object.values<any>(c.parameters).find((parameter) => parameter.name === name);
  const response = (status: string) => {
    const entry = operation.responses[status];
    return entry.$ref ? c.responses[entry.$ref.split("/").pop() as string] : entry;
  };
  const levels: Record<string, string> = {
    "operation getSignereIdSession": level(operation),
    "header Date": level(c.headers.Date),
    "RequestId limits": level(c.schemas.RequestId),
    "Status: other values": level(session.properties.Status.anyOf[1]),
    "IdentityProvider: other values": level(session.properties.IdentityProvider.anyOf[1]),
  };
  for (const name of [
    "RequestId",
    "metadata",
    "API-ALGORITHM",
    "API-USINGSECONDARYTOKEN",
    "API-RETURNERRORHEADER",
  ])
    levels[`parameter ${name}`] = level(byName(name));
  for (const scheme of Object.values<any>(c.securitySchemes))
    levels[`security scheme ${scheme.name}`] = level(scheme);
  for (const status of Object.keys(operation.responses))
    levels[`response ${status}`] = level(response(status));
  for (const [name, schema] of Object.entries<any>(c.schemas))
    levels[`schema ${name}`] = level(schema);
  for (const [field, schema] of Object.entries<any>(session.properties))
    levels[`field ${field}`] = level(schema);
  for (const item of Object.values<any>(bundle.paths))
    for (const op of Object.values<any>(item))
      if (op?.operationId && op !== operation) levels[`operation ${op.operationId}`] = level(op);
  for (const [field, schema] of Object.entries<any>(c.schemas.SignereIdRequest.properties))
    levels[`request field ${field}`] = level(schema);
  for (const [field, schema] of Object.entries<any>(c.schemas.SignereIdCreateResponse.properties))
    levels[`create field ${field}`] = level(schema);
  return levels;
}

describe("the evidence labels match the facts file", () => {
  it("level for level, wherever the facts file labels the element", () => {
    expect(specLevels()).toEqual(FACT_LEVELS);
  });

  it("design choices say why, and cite no vendor behaviour as theirs", () => {
    const designs = Object.entries(specLevels()).filter(([, level]) => level === "design");
    expect(designs.map(([element]) => element).sort()).toEqual([
      "IdentityProvider: other values",
      "RequestId limits",
      "Status: other values",
      "schema RequestId",
    ]);
    expect(bundle.components.schemas.RequestId["x-evidence"].note).toMatch(/safety/);
    expect(session["x-evidence"].design).toMatch(/Nullable False/);
  });
});

describe("the corrections of the second edition stay made", () => {
  const fields = session.properties;

  it("SocialSecurityNumber: no pattern, no single country, named request flag", () => {
    const ssn = fields.SocialSecurityNumber;
    expect(ssn).not.toHaveProperty("pattern");
    expect(ssn.description).not.toMatch(/11-digit|Norwegian national|fødselsnummer/);
    expect(ssn.description).toContain("GetSocialSecurityNumber");
    expect(ssn.description).toMatch(/country/);
  });

  it("RequestId: no fixture length, no case-sensitivity, no client behaviour", () => {
    const text = bundle.components.parameters.RequestId.description;
    expect(text).not.toMatch(/45 characters|case-sensitive|refused by the client|the client/);
    expect(text).toMatch(/200 characters/);
  });

  it("nobody is called 'not a real person'", () => {
    expect(text).not.toMatch(/not a real person/i);
    for (const recording of recordings)
      expect(JSON.stringify(recording)).not.toMatch(/real person/i);
    const vendor = recordings.find((r) => r.file === "vendor-example.json");
    expect(vendor?.source).toMatch(/^The vendor's published example \(verbatim body\)/);
    expect(vendor?.source).toMatch(/reconstructed/);
  });

  it("UserAgent and IPAddress use the vendor's words, not 'the identity provider'", () => {
    for (const field of ["UserAgent", "IPAddress"]) {
      expect(fields[field].description).not.toMatch(/identity provider/);
      expect(fields[field].description).toMatch(/the vendor's words/);
    }
  });

  it("ErrorCode and ErrorMessage: not 'empty on success', no claimed language", () => {
    for (const field of ["ErrorCode", "ErrorMessage"])
      expect(fields[field].description).not.toMatch(
        /empty otherwise|empty when|provider's language/,
      );
    expect(fields.ErrorCode.description).toMatch(/Status: LOGIN/);
  });

  it("MetaData: a list, repeated keys not claimed, the vendor's words quoted", () => {
    expect(fields.MetaData.description).toContain('"List of MetaData"');
    expect(fields.MetaData.description).not.toMatch(/may appear more than once/);
    expect(fields.MetaData["x-evidence"].note).toMatch(/repeated keys are a guess/);
  });

  it("IdentityProviderUniqueId: the vendor's qualifier and the successor's caveat", () => {
    const text = fields.IdentityProviderUniqueId.description;
    expect(text.replace(/\s+/g, " ")).toContain("(supported by Norwegian BankID)");
    expect(text).toMatch(/Swedish BankID/);
    expect(bundle.info.description).not.toMatch(/prefer `IdentityProviderUniqueId` as the key/);
  });

  it("the vendor's Nullable False is stated, and accepting null is labelled design", () => {
    expect(session.description).toMatch(/Nullable False/);
    for (const field of ["Status", "IdentityProvider"])
      expect(fields[field].anyOf[2]).toMatchObject({
        type: "null",
        "x-evidence": { level: "design" },
      });
  });

  it("clock skew: the vendor's own ServerTime, the Date header only one way", () => {
    expect(bundle.components.headers.Date.description).toMatch(/one way/);
    expect(bundle.components.headers.Date.description).toContain("GET /api/Status/ServerTime");
  });

  it("no claim that the lookup works only on a finished session", () => {
    expect(text).not.toMatch(/finished session/);
  });

  it("the migration: the sign API's shutdown, NativeErrorCode, the 2017 successor", () => {
    const intro = bundle.info.description.replace(/\s+/g, " ");
    expect(intro).toContain("Our legacy sign API will be shut down");
    expect(intro).toContain("Error.NativeErrorCode");
    expect(intro).toContain("https://id.signere.no/api/identify/{accountId}");
    expect(intro).not.toMatch(/says so instead of guessing/);
  });

  it("the recordings: XML declaration, Buypass without a BankID id, UNKNOWN labelled a guess", () => {
    const byFile = Object.fromEntries(recordings.map((r) => [r.file, r]));
    expect(byFile["vendor-example-xml.json"].response.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<SignereIdResponse/,
    );
    const empty = byFile["empty-fields.json"].response.body as Record<string, string>;
    expect(empty.IdentityProvider).toBe("NO_BUYPASS");
    expect(empty.IdentityProviderUniqueId).not.toMatch(/^9578-/);
    expect(byFile["idp-error.json"].source).toMatch(/UNKNOWN is a guess/);
  });

  it("the licence covers this description and toolkit, not the vendor's API", () => {
    expect(bundle.info.license.name).toMatch(
      /this description and its toolkit, not the vendor's API/,
    );
  });
});
