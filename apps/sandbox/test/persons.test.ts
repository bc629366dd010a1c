// Issue 13: the synthetic persons. Their national ids must stay in the test ranges or shapes the
// README names (so none can be a real person's), and no person's data may reach the log.
import { describe, expect, it } from "vitest";
import { PERSONS } from "../src/persons.js";
import { startSandbox } from "./helpers.js";

const of = (prefix: string) => PERSONS.filter((p) => p.identityProvider.startsWith(prefix));

/** Norwegian fødselsnummer check digits (mod 11, weights from Skatteetaten). */
function norwegianValid(id: string): boolean {
  const d = [...id].map(Number);
  const check = (weights: number[]) => {
    const rest = weights.reduce((sum, w, i) => sum + w * (d[i] as number), 0) % 11;
    return rest === 0 ? 0 : 11 - rest;
  };
  return (
    check([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10]
  );
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (const [i, c] of [...digits].reverse().entries()) {
    const v = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(v / 10) + (v % 10);
  }
  return sum % 10 === 0;
}

describe("issue 13: the synthetic persons", () => {
  it("offers at least two persons per identity provider, with unique ids", () => {
    for (const provider of [
      "NO_BANKID_MOBILE",
      "NO_BANKID_WEB",
      "NO_BUYPASS",
      "SWE_BANKID",
      "SWE_BANKID_MOBILE",
      "DA_NEMID",
      "FI_TUPAS",
    ])
      expect(PERSONS.filter((p) => p.identityProvider === provider).length).toBeGreaterThanOrEqual(
        2,
      );
    expect(new Set(PERSONS.map((p) => p.id)).size).toBe(PERSONS.length);
  });

  it("Norway: synthetic fødselsnummer (month + 80, as Tenor's), valid check digits", () => {
    for (const { SocialSecurityNumber: id, DateOfBirth } of of("NO_")) {
      expect(id).toMatch(/^\d{11}$/);
      expect(Number(id.slice(2, 4))).toBeGreaterThan(80);
      expect(norwegianValid(id), id).toBe(true);
      expect(
        `${id.slice(0, 2)}${String(Number(id.slice(2, 4)) - 80).padStart(2, "0")}${id.slice(4, 6)}`,
      ).toBe(DateOfBirth);
    }
  });

  it("Sweden: Skatteverket's test personnummer, Luhn-valid", () => {
    for (const { SocialSecurityNumber: id } of of("SWE_")) {
      expect(["191212121212", "198112189876"]).toContain(id);
      expect(luhnValid(id.slice(2)), id).toBe(true);
    }
  });

  it("Denmark: dates that never occur (30 or 31 February)", () => {
    for (const { SocialSecurityNumber: id } of of("DA_")) expect(id).toMatch(/^3[01]02\d\d-\d{4}$/);
  });

  it("Finland: individual numbers 900–999 (temporary/test use), valid check character", () => {
    for (const { SocialSecurityNumber: id } of of("FI_")) {
      const [, date, individual, check] = /^(\d{6})-(\d{3})([0-9A-Y])$/.exec(id) ?? [];
      expect(Number(individual)).toBeGreaterThanOrEqual(900);
      expect("0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(`${date}${individual}`) % 31]).toBe(check);
    }
  });

  it("no person's data reaches the log during a login", async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({ log: (line) => lines.push(line) });
    try {
      const person = PERSONS[0];
      if (!person) throw new Error("no persons");
      // The form and the lookup, as in the flow test; the log must hold paths and statuses only.
      const page = await fetch(`${sandbox.url}/login/NoSuchSession`);
      expect(page.status).toBe(404);
      const requestId = "x".repeat(45);
      await fetch(`${sandbox.url}/login/${requestId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          person: person.id,
          outcome: "login",
          errorMessage: person.Name,
        }),
      });
      expect(lines.length).toBe(2);
      for (const line of lines) {
        expect(line).toMatch(/^(GET|POST) \/login\/\{RequestId\} 404 /);
        for (const p of PERSONS) {
          expect(line).not.toContain(p.SocialSecurityNumber);
          expect(line).not.toContain(p.Name);
        }
      }
    } finally {
      await sandbox.close();
    }
  });
});
