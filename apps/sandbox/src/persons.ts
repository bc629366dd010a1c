// The synthetic test persons the login page offers: fictional people, at least two per identity
// provider. National ids use the ranges or shapes each country reserves for test data where one
// exists, and are impossible otherwise (the README says which, per country). Personal data all
// the same in form: never log it.

export type IdentityProvider =
  | "NO_BANKID_MOBILE"
  | "NO_BANKID_WEB"
  | "NO_BUYPASS"
  | "SWE_BANKID"
  | "SWE_BANKID_MOBILE"
  | "DA_NEMID"
  | "FI_TUPAS";

export interface Person {
  /** The id the login form posts as `person`. */
  id: string;
  identityProvider: IdentityProvider;
  Name: string;
  FirstName: string;
  MiddleName: string;
  LastName: string;
  /** DDMMYY, the vendor's example form. */
  DateOfBirth: string;
  SocialSecurityNumber: string;
  IdentityProviderUniqueId: string;
}

const person = (
  id: string,
  identityProvider: IdentityProvider,
  [FirstName, MiddleName, LastName]: [string, string, string],
  DateOfBirth: string,
  SocialSecurityNumber: string,
): Person => ({
  id,
  identityProvider,
  Name: [FirstName, MiddleName, LastName].filter(Boolean).join(" "),
  FirstName,
  MiddleName,
  LastName,
  DateOfBirth,
  SocialSecurityNumber,
  // Clearly not a real provider's identifier (the sandbox's own shape).
  IdentityProviderUniqueId: `SANDBOX-${id}`,
});

export const PERSONS: readonly Person[] = [
  // Norway: Tenor-style synthetic fødselsnummer (month + 80), valid check digits.
  person("no-web-1", "NO_BANKID_WEB", ["Kari", "Testdata", "Nordmann"], "140385", "14838542035"),
  person("no-web-2", "NO_BANKID_WEB", ["Ola", "", "Syntetisk"], "021190", "02919042098"),
  person("no-mobile-1", "NO_BANKID_MOBILE", ["Ingrid", "", "Prøvesen"], "230778", "23877842061"),
  person("no-mobile-2", "NO_BANKID_MOBILE", ["Per", "Fiktiv", "Hansen"], "090101", "09810152033"),
  person("no-buypass-1", "NO_BUYPASS", ["Sigrid", "", "Testesen"], "300566", "30856642085"),
  person("no-buypass-2", "NO_BUYPASS", ["Jonas", "", "Oppdiktet"], "170993", "17899342089"),
  // Sweden: Skatteverket's test personnummer (12 digits, Luhn-valid).
  person("se-1", "SWE_BANKID", ["Tolvan", "", "Tolvansson"], "121212", "191212121212"),
  person("se-2", "SWE_BANKID", ["Agda", "", "Testsson"], "181281", "198112189876"),
  person(
    "se-mobile-1",
    "SWE_BANKID_MOBILE",
    ["Tolvan", "", "Tolvansson"],
    "121212",
    "191212121212",
  ),
  person("se-mobile-2", "SWE_BANKID_MOBILE", ["Agda", "", "Testsson"], "181281", "198112189876"),
  // Denmark: no published test range is used here; 30 and 31 February never occur, so no CPR
  // number can be these.
  person("dk-1", "DA_NEMID", ["Mette", "", "Prøvegaard"], "300290", "300290-0000"),
  person("dk-2", "DA_NEMID", ["Lars", "Fiktiv", "Testrup"], "310275", "310275-0000"),
  // Finland: henkilötunnus with individual numbers 900–999 (temporary/test use), valid check character.
  person("fi-1", "FI_TUPAS", ["Aino", "", "Testinen"], "050482", "050482-9121"),
  person("fi-2", "FI_TUPAS", ["Matti", "Kokeilu", "Esimerkki"], "211075", "211075-947H"),
];

/** The persons offered for a session: those of its provider, or everyone when none was asked. */
export function personsFor(identityProvider: string | undefined): readonly Person[] {
  const own = PERSONS.filter((p) => p.identityProvider === identityProvider);
  return own.length > 0 ? own : PERSONS;
}
