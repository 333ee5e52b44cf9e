/** RFC 8259's number grammar, as regex source (unanchored). */
export const JSON_NUMBER_SOURCE = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';

/** The source text of a JSON number, kept apart from strings so field types can still be checked. */
export class JsonNumberLiteral {
  constructor(readonly text: string) {}
}

/** A parsed JSON object whose numbers are JsonNumberLiterals (anywhere in it). */
export type LiteralJsonObject = Record<string, unknown>;
