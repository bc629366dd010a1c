// Issue 9, recorder items 1 to 3: each attack replayed by a real HTTP server on 127.0.0.1 against
// the real CLI (or recordExchange, which makes the CLI's text), then the file is searched.
import { parseSignereIdXml } from "@signereid/client/xml";
import { validateRecording } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLACED, replacedText } from "../src/allow-list.js";
import { gate, RecordingGateError } from "../src/gate.js";
import { API_ID, type HostileServer, runCli, startHostileServer } from "./hostile-server.js";

const KEY = "hostile-test-key";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const XML_TYPE = { "content-type": "application/xml; charset=utf-8" };
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

/** Asserts the CLI wrote a valid recording and that none of `leaks` is anywhere in it. */
function expectWrittenWithout(result: Awaited<ReturnType<typeof runCli>>, leaks: string[]) {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.text).toBeDefined();
  expect(validateRecording(result.recording)).toEqual([]);
  const lower = (result.text as string).toLowerCase();
  for (const leak of leaks) expect(lower, `leaked ${leak}`).not.toContain(leak.toLowerCase());
}

describe("item 1: a 2xx JSON body keeps only the allow-list", () => {
  const ID = {
    errorMessage: "12057812345",
    errorCode: "13057812346",
    userAgent: "14057812347",
    metaKey: "15057812348",
    topLevel: "16057812349",
    nested: "17057812340",
    jsonInString: "18057812341",
    number: "19057812342",
    vendorSsn: "23071212345",
  };
  const NAME = ["Ingrid", "Solberg", "Haugen"];

  it("item 1: national ids in ErrorMessage, ErrorCode, UserAgent, a MetaData Key, unknown top-level and nested fields, JSON inside a string, and a name in an unknown nested object never reach the file", async () => {
    server.reply = {
      headers: JSON_TYPE,
      body: JSON.stringify({
        Name: "Ola Nordmann",
        Status: "LOGIN",
        IdentityProvider: "NO_BANKID_WEB",
        MetaData: [
          { Key: "user.certificate.json", Value: '{"subject":"CN=Ola"}' },
          { Key: `nin:${ID.metaKey}`, Value: "" },
        ],
        SocialSecurityNumber: ID.vendorSsn,
        UserAgent: `Mozilla/5.0 (${ID.userAgent})`,
        ErrorCode: `E${ID.errorCode}`,
        ErrorMessage: `Fødselsnummer ${ID.errorMessage} er sperret`,
        Extra: ID.topLevel,
        Details: { person: { fullName: NAME.join(" "), nin: ID.nested }, list: [ID.nested, 7] },
        Raw: JSON.stringify({ ssn: ID.jsonInString }),
        Count: Number(ID.number),
        Flag: true,
        Nothing: null,
      }),
    };
    const result = await runCli(server.url, KEY);
    expectWrittenWithout(result, [...Object.values(ID), ...NAME, "Ola", KEY]);
    const body = result.recording.response.body;
    expect(body).toEqual({
      Name: "Kari Nordmann",
      Status: "LOGIN",
      IdentityProvider: "NO_BANKID_WEB",
      MetaData: [
        { Key: "user.certificate.json", Value: REPLACED },
        { Key: REPLACED, Value: "" },
      ],
      SocialSecurityNumber: "01010000000",
      UserAgent: "synthetic-user-agent",
      ErrorCode: "SYNTHETIC",
      ErrorMessage: "Synthetic error message.",
      Extra: REPLACED,
      Details: { person: { fullName: REPLACED, nin: REPLACED }, list: [REPLACED, 0] },
      Raw: REPLACED,
      Count: 0,
      Flag: false, // security 4: a boolean of an unknown field keeps only its type
      Nothing: null,
    });
    expect(result.recording.expected).toEqual(body);
  });

  it("item 1: an enum value the spec does not list is replaced, and an odd field name renamed", async () => {
    server.reply = {
      headers: JSON_TYPE,
      body: JSON.stringify({
        Status: "Ingrid Haugen",
        IdentityProvider: "NO_BANKID_WEB",
        "Ingrid Haugen 1234": "x",
      }),
    };
    const result = await runCli(server.url, KEY);
    expectWrittenWithout(result, ["Ingrid", "1234"]);
    expect(result.recording.response.body).toEqual({
      Status: REPLACED,
      IdentityProvider: "NO_BANKID_WEB",
      "renamed-1": REPLACED,
    });
  });
});

describe("item 1: a 2xx XML body is re-serialised from the parsed value", () => {
  const ROOT =
    '<SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Unipluss.Sign.ExternalContract.Entities.SignereID"';
  const session = (members: string, rootAttributes = "") =>
    `<?xml version="1.0" encoding="utf-8"?>${ROOT}${rootAttributes}><IdentityProvider>NO_BANKID_WEB</IdentityProvider><LastName i:nil="true"/>${members}<Status>LOGIN</Status></SignereIdResponse>`;

  it.each([
    [
      "a CDATA-wrapped SocialSecurityNumber",
      session("<SocialSecurityNumber><![CDATA[01017012345]]></SocialSecurityNumber>"),
      ["1017012345", "CDATA"],
    ],
    [
      "a national id split by a comment",
      session("<SocialSecurityNumber>010170<!-- -->12345</SocialSecurityNumber>"),
      ["010170", "<!--"],
    ],
    [
      "an entity-encoded national id",
      session("<SocialSecurityNumber>&#48;1017012345</SocialSecurityNumber>"),
      ["1017012345", "&#48;"],
    ],
    [
      "national ids in attributes",
      session('<Name nin="01017012345">Ola</Name>', ' nin="02017012345"'),
      ["1017012345", "2017012345", "nin=", "Ola"],
    ],
    [
      "a national id and a name in unknown elements",
      session(
        "<Person><Nin>01017012345</Nin><FullName>Ingrid Solberg Haugen</FullName></Person><Note>02017012345</Note>",
      ),
      ["1017012345", "2017012345", "Ingrid", "Solberg", "Haugen"],
    ],
  ])("item 1: XML with %s never reaches the file, nor expected", async (_what, xml, leaks) => {
    server.reply = { headers: XML_TYPE, body: xml };
    const result = await runCli(server.url, KEY, ["--format", "xml"]);
    expectWrittenWithout(result, leaks);
    const { body } = result.recording.response;
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><SignereIdResponse xmlns:i="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance">/,
    );
    expect(body).toContain('<LastName i:nil="true"/>');
    expect(body).toContain("<Status>LOGIN</Status>");
    expect(result.recording.expected).toMatchObject({ LastName: null, Status: "LOGIN" });
    expect(parseSignereIdXml(body)).toEqual(result.recording.expected);
  });
});

describe("item 1: the gate", () => {
  it("item 1: refuses to write when a 6+ digit run survives (exit 1, nothing on disk, no value printed)", async () => {
    // The charset parameter is kept when it reads like a name: here the gate is the last line.
    server.reply = {
      headers: { "content-type": "application/json; charset=x01017012345" },
      body: "{}",
    };
    const result = await runCli(server.url, KEY);
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain("a run of 6 or more digits that is not synthetic");
    expect(result.stderr).not.toContain("01017012345");
  });

  it("item 1: refuses to write when the API key survives, naming the kind, never the value", async () => {
    // A field name that reads like a name is kept; this one is the key itself.
    const key = "HostileLettersKey";
    server.reply = { headers: JSON_TYPE, body: JSON.stringify({ [key]: "" }) };
    const result = await runCli(server.url, key);
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain("the API key");
    expect(result.stderr.toLowerCase()).not.toContain(key.toLowerCase());
  });

  it("item 1: finds each kind in the exact text, and lets synthetic values and the request path through", () => {
    const secrets = {
      key: "Some+Key/Value=",
      apiId: API_ID,
      tokens: new Set(["ABCDEF0123456789"]),
    };
    const findings = (text: string) => {
      try {
        gate(text, secrets, ["/api/SignereId/Req123456789", "Req123456789"]);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(RecordingGateError);
        expect((error as Error).message).not.toContain(text);
        return (error as RecordingGateError).findings;
      }
    };
    expect(findings('{"path":"/api/SignereId/Req123456789","a":"01010000000 010100"}')).toEqual([]);
    expect(findings("x 0101700 y")).toEqual(["a run of 6 or more digits that is not synthetic"]);
    expect(findings("a".repeat(31))).toEqual([]);
    expect(findings(`"${"aBcD".repeat(8)}"`)).toEqual(["a run of 32 or more hexadecimal digits"]);
    for (const form of [
      "some+key/value=",
      encodeURIComponent("Some+Key/Value="),
      Buffer.from("Some+Key/Value=").toString("base64"),
      Buffer.from("Some+Key/Value=").toString("hex").toUpperCase(),
    ]) {
      expect(findings(`x${form}x`)).toContain("the API key");
    }
    expect(findings(API_ID.toUpperCase())).toEqual(["the API-ID"]);
    expect(findings("abcdef0123456789")).toContain("an API-TOKEN that was sent");
  });
});

describe("item 2: secrets never reach the file", () => {
  it("item 2: an API-TOKEN echoed in the error-reason header and the body never reaches the file, in any case", async () => {
    server.reply = (token) => ({
      status: 401,
      headers: {
        ...JSON_TYPE,
        "x-error-reason": `Invalid API-TOKEN ${token} for API-ID ${API_ID}`,
        "x-reason-detail": `token=${token.toLowerCase()}`,
      },
      body: JSON.stringify({
        Message: `API-TOKEN ${token.toLowerCase()} does not match`,
        Token: token,
        Encoded: Buffer.from(token).toString("base64"),
      }),
    });
    const result = await runCli(server.url, KEY);
    const token = server.tokens.at(-1) as string;
    expect(token).toMatch(/^[0-9A-F]{128}$/);
    expectWrittenWithout(result, [token, Buffer.from(token).toString("base64"), API_ID, KEY]);
    // Security 4: free text that is not a known phrase is replaced whole by its shape.
    const reason = `Invalid API-TOKEN ${token} for API-ID ${API_ID}`;
    expect(result.recording.expected).toEqual({
      error: { name: "SignereIdApiError", status: 401, reason: replacedText(reason) },
    });
    expect(result.recording.response.body.Message).toBe(
      replacedText(`API-TOKEN ${token.toLowerCase()} does not match`),
    );
  });

  it.each([
    ["with symbols", "Hostile+Key/For=Tests"],
    ["made of letters only", "HostileLettersOnlyKey"],
  ])(
    "item 2: the API key (%s) echoed in a reason and a body never reaches the file, in any case or encoding",
    async (_what, key) => {
      const bytes = Buffer.from(key);
      const forms = [
        key,
        key.toUpperCase(),
        key.toLowerCase(),
        encodeURIComponent(key),
        bytes.toString("base64"),
        bytes.toString("base64url"),
        bytes.toString("hex"),
        bytes.toString("hex").toUpperCase(),
      ];
      for (const contentType of ["text/plain; charset=utf-8", "application/json"]) {
        server.reply = {
          status: 403,
          headers: { "content-type": contentType, "x-error-reason": `Key ${key} refused` },
          body: contentType.startsWith("text")
            ? `The key ${forms.join(" and ")} is wrong`
            : JSON.stringify({ Message: `key ${key}`, Forms: forms }),
        };
        const result = await runCli(server.url, key);
        expectWrittenWithout(result, forms);
        // Security 4: replaced whole by its shape.
        expect(result.recording.expected.error.reason).toBe(replacedText(`Key ${key} refused`));
      }
    },
  );
});

describe("item 3: XML served as text/plain", () => {
  it("item 3: is recorded like any XML body (re-serialised, scrubbed), with nothing on stderr", async () => {
    server.reply = {
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: '\uFEFF<?xml version="1.0" encoding="utf-8"?><SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Name>Ingrid Haugen</Name><SocialSecurityNumber>01017012345</SocialSecurityNumber><Status>LOGIN</Status></SignereIdResponse>',
    };
    const result = await runCli(server.url, KEY, ["--format", "xml"]);
    expectWrittenWithout(result, ["01017012345", "Ingrid", "Haugen"]);
    expect(result.recording.response.headers).toEqual({
      "content-type": "text/plain; charset=utf-8",
    });
    expect(result.recording.response.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Name>Kari Nordmann</Name><SocialSecurityNumber>01010000000</SocialSecurityNumber><Status>LOGIN</Status></SignereIdResponse>',
    );
    expect(result.recording.expected).toEqual({
      Name: "Kari Nordmann",
      SocialSecurityNumber: "01010000000",
      Status: "LOGIN",
    });
  });

  it("item 3: a body the client cannot read is never printed, and nothing is written", async () => {
    server.reply = {
      headers: { "content-type": "text/plain" },
      body: "<SignereIdResponse><SocialSecurityNumber>01017012345</SocialSecurityNumber></SignereIdResponse>",
    };
    const result = await runCli(server.url, KEY); // JSON asked for: the client refuses the XML
    expect(result.code).toBe(1);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain("invalid-json");
    for (const piece of ["01017012345", "SocialSecurityNumber", "<"])
      expect(result.stderr).not.toContain(piece);
  });
});
