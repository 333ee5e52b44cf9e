import { ZixflowConfigError } from '../errors';
import { DEFAULT_DLT_MAX_VARIABLE_LENGTH } from './dlt.constants';
import { parseDltTemplateBody } from './dlt-template-body.parser';
import type { DltMatchResult, DltMismatch } from './dlt-match-result.interface';

const EXCERPT_CHARS = 24;

const isLineBreak = (char: string): boolean => char === '\n' || char === '\r';

/** A message split into code points, so variable lengths count characters, not UTF-16 units. */
class MessageText {
  readonly chars: string[];
  /** UTF-16 index of each code point, plus one past the end. */
  readonly offsets: number[];
  /** Index of the first line break at or after each position (the length when there is none). */
  readonly nextBreak: Int32Array;

  /** Only the first `limit` characters are kept: past that a message cannot match anyway. */
  constructor(
    readonly text: string,
    limit: number,
  ) {
    this.chars = [];
    for (const char of text) {
      if (this.chars.length === limit) break;
      this.chars.push(char);
    }
    this.offsets = new Array<number>(this.chars.length + 1);
    let offset = 0;
    this.chars.forEach((char, i) => {
      this.offsets[i] = offset;
      offset += char.length;
    });
    this.offsets[this.chars.length] = offset;
    this.nextBreak = new Int32Array(this.chars.length + 1);
    this.nextBreak[this.chars.length] = this.chars.length;
    for (let i = this.chars.length - 1; i >= 0; i--) {
      this.nextBreak[i] = isLineBreak(this.chars[i]) ? i : this.nextBreak[i + 1];
    }
  }

  get length(): number {
    return this.chars.length;
  }

  /** How many characters of `literal` the message repeats from `at`. */
  commonPrefix(at: number, literal: readonly string[]): number {
    let n = 0;
    while (n < literal.length && at + n < this.chars.length && this.chars[at + n] === literal[n]) n++;
    return n;
  }

  slice(from: number, to: number): string {
    return this.text.slice(this.offsets[from], this.offsets[to]);
  }

  excerpt(at: number): string {
    if (at >= this.chars.length) return 'end of message';
    return quote(this.chars.slice(at, at + EXCERPT_CHARS + 1), EXCERPT_CHARS);
  }
}

function quote(chars: readonly string[], max: number): string {
  return chars.length > max
    ? `${JSON.stringify(chars.slice(0, max).join(''))}…`
    : JSON.stringify(chars.join(''));
}

/**
 * Checks messages against one DLT body, compiled once. A `{#var#}` stands for 1 to `maxVariableLength`
 * characters (code points) without line breaks; everything else must match exactly: case, punctuation and
 * whitespace included, as DLT scrubbing does.
 *
 * No regex: `^a(.{1,30})b(.{1,30})...$` backtracks exponentially on long non-matching messages once
 * placeholders touch. Instead the set of positions each segment (variable + following literal) can end at is
 * carried forward left to right, so a check costs O(variables × message length × literal length) at worst and
 * never backtracks. The segment where that set becomes empty is where the message first departs from the body.
 */
export class DltTemplateMatcher {
  readonly variableCount: number;
  /** Literal pieces as code points; `literals[k]` follows variable k (1-based), `literals[0]` leads. */
  private readonly literals: string[][];
  /** The longest message that can match; the matcher never looks further, which bounds its memory. */
  private readonly longestMatch: number;

  constructor(
    readonly body: string,
    readonly maxVariableLength: number = DEFAULT_DLT_MAX_VARIABLE_LENGTH,
  ) {
    if (!Number.isInteger(maxVariableLength) || maxVariableLength < 1) {
      throw new ZixflowConfigError([
        `dlt.maxVariableLength must be a positive integer (got ${maxVariableLength})`,
      ]);
    }
    this.literals = parseDltTemplateBody(body).map((piece) => [...piece]);
    this.variableCount = this.literals.length - 1;
    this.longestMatch =
      this.literals.reduce((sum, literal) => sum + literal.length, 0) +
      this.variableCount * maxVariableLength;
  }

  matches(message: string): boolean {
    return this.match(message).matched;
  }

  match(message: string): DltMatchResult {
    const text = new MessageText(message, this.longestMatch + 1);
    const m = text.length;

    if (!this.literalMatchesAt(text, 0, 0)) return this.diagnoseLeading(text);

    // starts[p]: the next variable may start at p. previous[k][e]: where variable k started on a path whose
    // segment k ends at e; kept to hand back the values.
    let starts = new Uint8Array(m + 1);
    starts[this.literals[0].length] = 1;
    const previous: Int32Array[] = [];

    for (let k = 1; k <= this.variableCount; k++) {
      const varStart = this.variableEnds(text, starts);
      const ends = new Uint8Array(m + 1);
      const from = new Int32Array(m + 1).fill(-1);
      let any = false;
      for (let q = 1; q <= m; q++) {
        if (varStart[q] < 0 || !this.literalMatchesAt(text, k, q)) continue;
        const end = q + this.literals[k].length;
        ends[end] = 1;
        from[end] = varStart[q];
        any = true;
      }
      if (!any) return this.diagnoseSegment(text, k, starts, varStart);
      previous[k] = from;
      starts = ends;
    }

    // With variables, the last segment is anchored at the end, so `starts` can only hold m here.
    const values: string[] = [];
    let end = m;
    for (let k = this.variableCount; k >= 1; k--) {
      const start = previous[k][end];
      values.unshift(text.slice(start, end - this.literals[k].length));
      end = start;
    }
    return { matched: true, values };
  }

  /**
   * For each position q, a start p (or -1) such that a variable may span [p, q): 1 to max characters, no
   * line break. Each q is assigned once, which keeps this linear however many starts overlap.
   */
  private variableEnds(text: MessageText, starts: Uint8Array): Int32Array {
    const m = text.length;
    const varStart = new Int32Array(m + 1).fill(-1);
    let covered = 0;
    for (let p = 0; p < m; p++) {
      if (!starts[p]) continue;
      const hi = Math.min(p + this.maxVariableLength, text.nextBreak[p]);
      for (let q = Math.max(p + 1, covered + 1); q <= hi; q++) varStart[q] = p;
      if (hi > covered) covered = hi;
    }
    return varStart;
  }

  /** Literal k matches at `at`; the last literal must also end the message. */
  private literalMatchesAt(text: MessageText, k: number, at: number): boolean {
    const literal = this.literals[k];
    if (at + literal.length > text.length) return false;
    if (k === this.variableCount && at + literal.length !== text.length) return false;
    return text.commonPrefix(at, literal) === literal.length;
  }

  private diagnoseLeading(text: MessageText): DltMismatch {
    const literal = this.literals[0];
    const same = text.commonPrefix(0, literal);
    if (same < literal.length) return this.literalMismatch(text, same, literal.slice(same));
    return this.literalMismatch(text, same, null);
  }

  /** Why no path got through segment k (variable k and the literal after it). */
  private diagnoseSegment(
    text: MessageText,
    k: number,
    starts: Uint8Array,
    varStart: Int32Array,
  ): DltMismatch {
    const m = text.length;
    const literal = this.literals[k];
    const max = this.maxVariableLength;
    const startList: number[] = [];
    for (let p = 0; p <= m; p++) if (starts[p]) startList.push(p);

    // The value is missing: the message ends, breaks the line, or goes on with the next literal right away.
    for (const p of startList) {
      if (p === m || text.nextBreak[p] === p || (literal.length > 0 && this.literalMatchesAt(text, k, p))) {
        return this.mismatch(text, p, `a value for {#var#} #${k} (1 to ${max} characters)`, k);
      }
    }

    // The literal does come, but further than a value may reach: the value is too long or holds a line break.
    const fits: number[] = [];
    for (let q = 0; q <= m; q++) if (this.literalMatchesAt(text, k, q)) fits.push(q);
    for (const p of startList) {
      const hi = Math.min(p + max, text.nextBreak[p]);
      const q = fits.find((at) => at > hi);
      if (q === undefined) continue;
      const breakAt = text.nextBreak[p];
      if (breakAt < q && breakAt <= p + max) {
        const index = text.offsets[breakAt];
        return {
          matched: false,
          index,
          expected: `{#var#} #${k} to continue without a line break`,
          found: text.excerpt(breakAt),
          variable: k,
          reason: `the value for {#var#} #${k} contains a line break at index ${index}; DLT values cannot span lines`,
        };
      }
      const index = text.offsets[p + max];
      return {
        matched: false,
        index,
        expected: `at most ${max} characters for {#var#} #${k}`,
        found: text.excerpt(p + max),
        variable: k,
        reason: `the value for {#var#} #${k} is ${q - p} characters (from index ${text.offsets[p]}), longer than the maximum ${max}`,
      };
    }

    // Otherwise the literal itself differs: report where the attempt that got furthest into it broke off.
    let bestAt = -1;
    let bestSame = -1;
    for (let q = 1; q <= m; q++) {
      if (varStart[q] < 0) continue;
      const same = text.commonPrefix(q, literal);
      if (same > bestSame) {
        bestSame = same;
        bestAt = q;
      }
    }
    if (bestAt < 0) {
      return this.mismatch(text, startList[0], `a value for {#var#} #${k} (1 to ${max} characters)`, k);
    }
    if (bestSame === 0) bestAt = this.likelyMissingCharacter(text, literal, varStart) ?? bestAt;
    const rest = bestSame < literal.length ? literal.slice(bestSame) : null;
    return this.literalMismatch(text, bestAt + bestSame, rest);
  }

  /**
   * When no attempt matched even the literal's first character, the usual cause is that character missing
   * (`Dear John your OTP` for `Dear {#var#}, your OTP`): find where the rest of the literal starts, so the
   * report points after the value instead of right after its first character. Needs 3 matching characters
   * to rule out coincidences.
   */
  private likelyMissingCharacter(
    text: MessageText,
    literal: readonly string[],
    varStart: Int32Array,
  ): number | undefined {
    const rest = literal.slice(1);
    let best: number | undefined;
    let bestSame = Math.min(3, rest.length) - 1;
    for (let q = 1; q < varStart.length; q++) {
      if (varStart[q] < 0) continue;
      const same = text.commonPrefix(q, rest);
      if (same > bestSame) {
        bestSame = same;
        best = q;
      }
    }
    return rest.length > 0 ? best : undefined;
  }

  /** `expected` null means the body has ended and so should the message. */
  private literalMismatch(text: MessageText, at: number, expected: string[] | null): DltMismatch {
    return this.mismatch(text, at, expected === null ? 'end of message' : quote(expected, 30));
  }

  private mismatch(text: MessageText, at: number, expected: string, variable?: number): DltMismatch {
    const index = text.offsets[at];
    const found = text.excerpt(at);
    const reason = `expected ${expected} at index ${index}, found ${found}`;
    return variable === undefined
      ? { matched: false, index, expected, found, reason }
      : { matched: false, index, expected, found, variable, reason };
  }
}
