import { describe, expectTypeOf, it } from "vitest";
import type {
  components,
  createSignereIdClient,
  IdentityProviderType,
  LoginStatus,
  SignereIdClientOptions,
  SignereIdSession,
} from "../src/index.js";

type Generated = components["schemas"]["SignereIdResponse"];

describe("types come from the spec", () => {
  it("the session is the generated SignereIdResponse, field for field", () => {
    expectTypeOf<SignereIdSession["Name"]>().toEqualTypeOf<Generated["Name"]>();
    expectTypeOf<SignereIdSession["DateOfBirth"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<SignereIdSession["MetaData"]>().toEqualTypeOf<Generated["MetaData"]>();
    expectTypeOf<NonNullable<SignereIdSession["MetaData"]>[number]>().toEqualTypeOf<
      components["schemas"]["MetaDataEntry"]
    >();
    expectTypeOf<SignereIdSession>().toExtend<Generated>();
  });

  it("the enums are the spec's, and the open sets still offer them", () => {
    expectTypeOf<IdentityProviderType>().toEqualTypeOf<
      | "UNKNOWN"
      | "NO_BANKID_MOBILE"
      | "NO_BANKID_WEB"
      | "SWE_BANKID"
      | "SWE_BANKID_MOBILE"
      | "NO_BUYPASS"
      | "DA_NEMID"
      | "FI_TUPAS"
    >();
    expectTypeOf<LoginStatus>().toEqualTypeOf<"LOGIN" | "UNKNOWN">();
    expectTypeOf<"LOGIN">().toExtend<NonNullable<SignereIdSession["Status"]>>();
    expectTypeOf<"SOMETHING_NEW">().toExtend<NonNullable<SignereIdSession["Status"]>>();
    expectTypeOf<"NO_BANKID_APP">().toExtend<NonNullable<SignereIdSession["IdentityProvider"]>>();
  });

  it("getSignereIdSession resolves to the session", () => {
    type Client = ReturnType<typeof createSignereIdClient>;
    expectTypeOf<Client["getSignereIdSession"]>().returns.toEqualTypeOf<
      Promise<SignereIdSession>
    >();
    expectTypeOf<Client["getSignereIdSession"]>().parameter(0).toEqualTypeOf<string>();
  });

  it("options need exactly one key and one of environment/baseUrl", () => {
    const base = { apiId: "x" } as const;
    expectTypeOf({
      ...base,
      secondaryKey: "k",
      environment: "test" as const,
    }).toExtend<SignereIdClientOptions>();
    expectTypeOf({
      ...base,
      primaryKey: "k",
      baseUrl: "http://127.0.0.1",
    }).toExtend<SignereIdClientOptions>();
    expectTypeOf({
      ...base,
      primaryKey: "k",
      secondaryKey: "k",
      environment: "test" as const,
    }).not.toExtend<SignereIdClientOptions>();
    expectTypeOf({ ...base, environment: "test" as const }).not.toExtend<SignereIdClientOptions>();
    expectTypeOf({ ...base, secondaryKey: "k" }).not.toExtend<SignereIdClientOptions>();
    expectTypeOf({
      ...base,
      secondaryKey: "k",
      environment: "staging",
    }).not.toExtend<SignereIdClientOptions>();
  });
});
