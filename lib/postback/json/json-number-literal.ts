/** The source text of a JSON number, kept apart from strings so field types can still be checked. */
export class JsonNumberLiteral {
  constructor(readonly text: string) {}
}

/** A parsed JSON object whose numbers are JsonNumberLiterals (anywhere in it). */
export type LiteralJsonObject = Record<string, unknown>;
