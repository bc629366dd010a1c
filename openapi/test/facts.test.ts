// Holds the description to the facts file (shared/signereid-api-facts.md): every field, enum
// value, header, parameter, server and example value stated there must be in the bundle.
import { describe, expect, it } from "vitest";
import { bundle } from "./helpers.js";

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
    expect(Object.keys(session.properties)).toEqual([
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
    ]);
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
    for (const ref of Object.values<any>(responses)) {
      const response = bundle.components.responses[ref.$ref.split("/").pop()];
      expect(response.headers).toHaveProperty("Date");
      if (ref !== responses["200"]) expect(response.description).toMatch(/not documented/);
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
