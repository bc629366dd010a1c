// The shape of an operation's run-time metadata, as scripts/generate.mjs writes it from the spec
// into generated/operations.gen.ts. The core knows operations only through this.

/** The JSON types a value may have: "string", "number", "integer", "boolean", "null", "array", "object". */
export interface Shape {
  readonly types: readonly string[];
  readonly fields?: Readonly<Record<string, Shape>>;
  readonly items?: Shape;
}

export interface ParameterRule {
  readonly types: readonly string[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly unknown[];
  /** The enum lists the known values; any string is accepted (and passed on as it is). */
  readonly openEnum?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** An absolute http(s) URL. */
  readonly url?: boolean;
  /** The placeholders such a URL may carry (the spec's `x-url-placeholders`), e.g. `[1]`. */
  readonly placeholders?: readonly string[];
}

/** A JSON request body: its required fields, and each known field's rule. */
export interface BodyRule {
  readonly required: readonly string[];
  /** Absent when the spec lists no properties: then any object is accepted. */
  readonly fields?: Readonly<Record<string, ParameterRule>>;
}

export interface Parameter {
  readonly name: string;
  readonly in: "path" | "query";
  readonly required: boolean;
  readonly rule: ParameterRule;
}

export interface XmlForm {
  /** The root element's name. */
  readonly root: string;
  /** The root's children that are lists (their items are read whatever their element name). */
  readonly lists: readonly string[];
}

export interface ResponseForm {
  readonly media: readonly string[];
  readonly shape?: Shape;
  readonly xml?: XmlForm;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  /** Path and query parameters; absent when there are none. */
  readonly params?: readonly Parameter[];
  /** The request body's media type, when the operation takes one. */
  readonly body?: string;
  /** The request body's rules, checked before any I/O. */
  readonly bodyRule?: BodyRule;
  /** Success statuses only: error bodies are read as text whatever they declare. */
  readonly responses: Readonly<Record<string, ResponseForm>>;
  /** False when the spec says `security: []`: sent without signing headers. */
  readonly signed: boolean;
  /** The spec's deprecation text, when the operation is deprecated. */
  readonly deprecated?: string;
}
