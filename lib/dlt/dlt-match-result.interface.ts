export interface DltMatch {
  matched: true;
  /** One value per `{#var#}`, in order (one possible split when several exist). */
  values: string[];
}

export interface DltMismatch {
  matched: false;
  /** Index (UTF-16, like `String#slice`) in the message of the first point of difference. */
  index: number;
  /** What the template wants there, for people: `"Do not share."`, `end of message`, `a value for {#var#} #2`. */
  expected: string;
  /** What the message has there: a quoted excerpt, or `end of message`. */
  found: string;
  /** 1-based number of the `{#var#}` at fault, when the problem is a variable's value. */
  variable?: number;
  /** One sentence, e.g. `expected "Do not share." at index 18, found "Please do not share."`. */
  reason: string;
}

export type DltMatchResult = DltMatch | DltMismatch;
