// Security finding 4: free text and names are deny-by-default too. Each trick is replayed by a
// real node:http server on 127.0.0.1 against the real CLI, then the written file is searched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gate, RecordingGateError } from "../src/gate.js";
import { type HostileServer, runCli, startHostileServer } from "./hostile-server.js";

const KEY = "security-four-key";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const NIN = "23871212345";
const NIN_IN_WORDS = "two three eight seven one two one two three four five";
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

/** The token with digits 0-9 mapped to g-p: letters only, split into words of 32. */
const asLetters = (token: string) =>
  token
    .replace(/[0-9]/g, (digit) => String.fromCharCode(103 + Number(digit)))
    .match(/.{1,32}/g)
    ?.join(" ") as string;

function expectWritten(result: Awaited<ReturnType<typeof runCli>>) {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.text as string;
}

describe("security 4: free text", () => {
  it("security 4: an API-TOKEN mapped to letters and a national id spelled in words, in the reason header and the body, never reach the file", async () => {
    for (const json of [false, true]) {
      server.reply = (token) => {
        const text = `Invalid token ${asLetters(token)} for person ${NIN_IN_WORDS}`;
        return {
          status: 401,
          headers: { ...JSON_TYPE, "x-error-reason": text },
          body: json ? JSON.stringify({ Message: text, Words: [NIN_IN_WORDS] }) : text,
        };
      };
      const result = await runCli(server.url, KEY);
      const text = expectWritten(result).toLowerCase();
      const token = server.tokens.at(-1) as string;
      for (const word of asLetters(token).split(" "))
        expect(text, `a word of the token: ${json}`).not.toContain(word.toLowerCase());
      for (const leak of [NIN_IN_WORDS, "eight seven"]) expect(text).not.toContain(leak);
      const reason = `Invalid token ${asLetters(token)} for person ${NIN_IN_WORDS}`;
      const shape = `[text replaced by the recorder: ${reason.length} characters]`;
      expect(result.recording.response.headers["x-error-reason"]).toBe(shape);
      expect(result.recording.expected).toEqual({
        error: { name: "SignereIdApiError", status: 401, reason: shape },
      });
      expect(result.recording.response.body).toEqual(
        json
          ? {
              Message: shape,
              Words: [`[text replaced by the recorder: ${NIN_IN_WORDS.length} characters]`],
            }
          : shape,
      );
    }
  });

  it("security 4: a known reason phrase of the sandbox is kept as it is", async () => {
    const phrase = "No SignereID session with this RequestId";
    server.reply = { status: 404, headers: { "x-error-reason": phrase }, body: phrase };
    const result = await runCli(server.url, KEY);
    expectWritten(result);
    expect(result.recording.response.headers["x-error-reason"]).toBe(phrase);
    expect(result.recording.response.body).toBe(phrase);
  });
});

describe("security 4: names", () => {
  it("security 4: unknown field names with split ids, token pieces, hex-letter runs, nested and dotted, are renamed", async () => {
    server.reply = (token) => ({
      headers: JSON_TYPE,
      body: JSON.stringify({
        Status: "LOGIN",
        ssn_238_712_123_45: "x",
        [`t_${token.slice(0, 3)}_${token.slice(3, 6)}_${token.slice(6, 9)}`]: "x",
        Nested: { a238: { b712: { c123: { d45: "x" } } } },
        "a238.b712.c123.d45": "x",
        DeadBeefCafe: "x",
        [`w${"x".repeat(64)}`]: "x",
        plain_name: "x",
      }),
    });
    const result = await runCli(server.url, KEY);
    const text = expectWritten(result);
    const token = server.tokens.at(-1) as string;
    for (const leak of ["238", "712", "123_45", "a238", token.slice(0, 3), "DeadBeef", "xxxxx"])
      expect(text, `leaked ${leak}`).not.toContain(leak);
    expect(result.recording.response.body).toEqual({
      Status: "LOGIN",
      "renamed-1": "[replaced by the recorder]",
      "renamed-2": "[replaced by the recorder]",
      Nested: {
        "renamed-1": {
          "renamed-1": { "renamed-1": { "renamed-1": "[replaced by the recorder]" } },
        },
      },
      "renamed-3": "[replaced by the recorder]",
      "renamed-4": "[replaced by the recorder]",
      "renamed-5": "[replaced by the recorder]",
      plain_name: "[replaced by the recorder]",
    });
  });

  it("security 4: XML element names with a split id are renamed, in the body and in expected", async () => {
    server.reply = {
      headers: { "content-type": "application/xml" },
      body: '<?xml version="1.0" encoding="utf-8"?><SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><pre_238_712_123_45/><Extra><n_238>x</n_238></Extra><Status>LOGIN</Status></SignereIdResponse>',
    };
    const result = await runCli(server.url, KEY, ["--format", "xml"]);
    const text = expectWritten(result);
    for (const leak of ["238", "712", "pre_"]) expect(text).not.toContain(leak);
    expect(result.recording.response.body).toContain("<renamed-1");
    expect(result.recording.response.body).toContain("<Extra><renamed-1>");
    expect(result.recording.expected).toMatchObject({
      Status: "LOGIN",
      Extra: { "renamed-1": expect.any(String) },
    });
  });

  it("security 4: the gate scans names: a key or an element name outside the rule stops the write", () => {
    const secrets = { tokens: new Set<string>() };
    const findings = (text: string) => {
      try {
        gate(text, secrets);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(RecordingGateError);
        return (error as RecordingGateError).findings;
      }
    };
    const rule = "a field or element name outside the name rule";
    expect(findings('{"a":{"ssn_238_712":""}}')).toEqual([rule]);
    expect(findings('{"a":{"DeadBeefCafe":""}}')).toEqual([rule]);
    expect(findings('{"body":"<Root><pre_238_712/></Root>"}')).toEqual([rule]);
    expect(findings('{"body":"<Root x_238=\\"1\\"/>"}')).toEqual([rule]);
    expect(findings('{"renamed-12":{"Name":"","plain.name-x":""}}')).toEqual([]);
  });
});

describe("security 4: unknown values keep only their JSON type", () => {
  it("security 4: arrays of booleans and numbers in unknown fields become false and 0", async () => {
    const bits = [...NIN].map((digit) => Number(digit) % 2 === 1);
    server.reply = {
      headers: JSON_TYPE,
      body: JSON.stringify({
        Status: "LOGIN",
        Bits: bits,
        Digits: [...NIN].map(Number),
        Deep: { flags: [[true, false], [true]], on: true },
      }),
    };
    const result = await runCli(server.url, KEY);
    expectWritten(result);
    expect(result.recording.response.body).toEqual({
      Status: "LOGIN",
      Bits: bits.map(() => false),
      Digits: [...NIN].map(() => 0),
      Deep: { flags: [[false, false], [false]], on: false },
    });
    expect(result.recording.expected).toEqual(result.recording.response.body);
  });
});
