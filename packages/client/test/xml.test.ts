import { describe, expect, it } from "vitest";
import { SignereIdResponseFormatError } from "../src/errors.js";
import { parseSignereIdXml } from "../src/xml.js";

const NS =
  'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Any"';
const doc = (inner: string, root = "SignereIdResponse", attrs = NS) =>
  `<${root} ${attrs}>${inner}</${root}>`;

describe("parseSignereIdXml", () => {
  it("reads elements as strings, keeping number-like text as text", () => {
    expect(
      parseSignereIdXml(
        doc(
          "<DateOfBirth>071283</DateOfBirth><SocialSecurityNumber>01017012345</SocialSecurityNumber><Status>LOGIN</Status>",
        ),
      ),
    ).toEqual({
      DateOfBirth: "071283",
      SocialSecurityNumber: "01017012345",
      Status: "LOGIN",
    });
  });

  it("ignores namespaces and prefixes", () => {
    const prefixed = `<a:SignereIdResponse xmlns:a="urn:whatever" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:Name>Kari</a:Name><a:IPAddress/></a:SignereIdResponse>`;
    expect(parseSignereIdXml(prefixed)).toEqual({ Name: "Kari", IPAddress: "" });
    expect(parseSignereIdXml(doc("<Name>Kari</Name>", "SignereIdResponse", ""))).toEqual({
      Name: "Kari",
    });
  });

  it("turns i:nil into null, whatever the prefix", () => {
    expect(
      parseSignereIdXml(
        doc(
          '<ErrorCode i:nil="true"/><MetaData i:nil="true"/><Other xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
        ),
      ),
    ).toEqual({ ErrorCode: null, MetaData: null, Other: null });
  });

  it("reads MetaData items whatever their element name, one or many, in order", () => {
    const items =
      '<KeyValue><Key>a</Key><Value>1</Value></KeyValue><SignereIdMetaData><Key>a</Key><Value i:nil="true"/></SignereIdMetaData>';
    expect(parseSignereIdXml(doc(`<MetaData>${items}</MetaData>`))).toEqual({
      MetaData: [
        { Key: "a", Value: "1" },
        { Key: "a", Value: null },
      ],
    });
    expect(
      parseSignereIdXml(doc("<MetaData><X><Key>k</Key><Value>v</Value></X></MetaData>")),
    ).toEqual({
      MetaData: [{ Key: "k", Value: "v" }],
    });
    expect(parseSignereIdXml(doc("<MetaData/>"))).toEqual({ MetaData: [] });
  });

  it("reads an item named like its list (<MetaData> in <MetaData>) as an item", () => {
    const item = "<MetaData><Key>user.certificate.json</Key><Value/></MetaData>";
    expect(parseSignereIdXml(doc(`<MetaData>${item}${item}</MetaData>`))).toEqual({
      MetaData: [
        { Key: "user.certificate.json", Value: "" },
        { Key: "user.certificate.json", Value: "" },
      ],
    });
  });

  it("decodes XML's own entities and character references, and keeps non-ASCII text", () => {
    expect(
      parseSignereIdXml(doc("<Name>Ærlig &amp; Søn &lt;AS&gt; &#229;&#x00E6;</Name>")),
    ).toEqual({
      Name: "Ærlig & Søn <AS> åæ",
    });
  });

  it("keeps whitespace inside values and ignores it between elements", () => {
    expect(
      parseSignereIdXml(doc("\n  <Name> Kari  Nordmann </Name>\n  <MiddleName></MiddleName>\n")),
    ).toEqual({
      Name: " Kari  Nordmann ",
      MiddleName: "",
    });
  });

  it("keeps unknown elements, nested ones as objects", () => {
    expect(
      parseSignereIdXml(
        doc("<Future>x</Future><EnvironmentInfo><UserAgent>WIN</UserAgent></EnvironmentInfo>"),
      ),
    ).toEqual({
      Future: "x",
      EnvironmentInfo: { UserAgent: "WIN" },
    });
  });

  it.each([
    ["an internal DTD entity", `<!DOCTYPE r [<!ENTITY x "boom">]>${doc("<Name>&x;</Name>")}`],
    [
      "a billion-laughs document",
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${doc("<Name>&lol2;</Name>")}`,
    ],
    [
      "an external entity",
      `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${doc("<Name>&xxe;</Name>")}`,
    ],
    ["a lowercase doctype", `<!doctype SignereIdResponse>${doc("")}`],
  ])("refuses %s", (_what, xml) => {
    const error = refusal(xml);
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect((error as SignereIdResponseFormatError).problem).toBe("invalid-xml");
    expect((error as Error).message).toMatch(/DOCTYPE/);
  });

  it("reads CDATA as text, and keeps an element named __proto__ as a plain field", () => {
    const value = parseSignereIdXml(
      doc("<Name><![CDATA[a<b & c]]></Name><__proto__>x</__proto__>"),
    );
    expect(value.Name).toBe("a<b & c");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
  });

  it.each([
    ["an entity no one declared", doc("<Name>&x;</Name>"), /entity/i],
    ["elements nested 40 deep", doc(`${"<a>".repeat(40)}${"</a>".repeat(40)}`), /nested/],
    [
      "elements nested 100 000 deep (the parser's stack)",
      doc(`${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}`),
      /nested/,
    ],
  ])("refuses %s as invalid-xml, saying why", (_what, xml, why) => {
    const error = refusal(xml);
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect((error as SignereIdResponseFormatError).problem).toBe("invalid-xml");
    expect((error as Error).message).toMatch(why);
  });

  it.each([
    ["malformed XML", "<SignereIdResponse><Name>x</SignereIdResponse>"],
    ["another root element", doc("<Name>x</Name>", "Error")],
    ["two root elements", `${doc("")}${doc("")}`],
    ["no element at all", "just text"],
  ])("rejects %s as invalid-xml", (_what, xml) => {
    expect(() => parseSignereIdXml(xml)).toThrow(SignereIdResponseFormatError);
  });
});

/** What parseSignereIdXml throws for `xml` (undefined when it reads it). */
function refusal(xml: string): unknown {
  try {
    parseSignereIdXml(xml);
  } catch (error) {
    return error;
  }
  return undefined;
}
