// The last check before anything is written: the exact text of the file is scanned for what must
// never be in it. A finding refuses the write and is named by kind, never by value.
import { isPlainName, RENAMED, SESSION_FIELDS, SYNTHETIC_NUMBERS } from "./allow-list.js";
import { type Secrets, secretForms } from "./secrets.js";

export class RecordingGateError extends Error {
  declare readonly findings: string[];
  constructor(findings: string[]) {
    super(
      `refused to write the recording: it still contains ${findings.join(", ")}. Nothing was written. This is a recorder bug or a hostile server: keep the response for a bug report, not in a recording.`,
    );
    this.name = "RecordingGateError";
    this.findings = findings;
  }
}

/**
 * Throws RecordingGateError if `text` holds a run of 6+ digits that is not a synthetic value, a
 * secret in any handled form, or a run of 32+ hex digits. `exempt` are the whole JSON strings
 * that whoever runs the recorder chose (the request path it built, the RequestId it gave): the
 * one exception, and only where they stand whole.
 */
export function gate(text: string, secrets: Secrets, exempt: readonly string[] = []): void {
  const scanned = exempt
    .reduce((rest, literal) => rest.split(JSON.stringify(literal)).join('""'), text)
    .toLowerCase();
  const findings = new Set<string>();
  for (const run of scanned.match(/\d{6,}/g) ?? []) {
    if (!SYNTHETIC_NUMBERS.has(run))
      findings.add("a run of 6 or more digits that is not synthetic");
  }
  for (const [kind, forms] of secretForms(secrets)) {
    if (forms.some((form) => scanned.includes(form))) findings.add(kind);
  }
  if (/[0-9a-f]{32,}/.test(scanned)) findings.add("a run of 32 or more hexadecimal digits");
  if (
    namesIn(text).some(
      (name) => !isPlainName(name) && !RENAMED.test(name) && !SESSION_FIELDS.has(name),
    )
  )
    findings.add("a field or element name outside the name rule");
  if (findings.size > 0) throw new RecordingGateError([...findings]);
}

/** The XML names the recorder itself writes (the declaration's and the root's attributes). */
const XML_NAMES = new Set(["version", "encoding", "xmlns:i", "i:nil"]);

/**
 * Every object key of the recording (it is JSON), and every element and attribute name in an XML
 * string inside it; the recorder's own XML names are left out. Text that is not JSON has none.
 */
function namesIn(text: string): string[] {
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string" && /^\s*</.test(value)) {
      for (const [, name] of value.matchAll(/<\/?([^\s/>?!]+)/g)) names.push(name as string);
      for (const [, name] of value.matchAll(/\s([^\s=<>"]+)="/g))
        if (!XML_NAMES.has(name as string)) names.push(name as string);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object")
      for (const [name, item] of Object.entries(value)) {
        names.push(name);
        walk(item);
      }
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // Not JSON: no names to check (the scans above still ran).
  }
  return names;
}
