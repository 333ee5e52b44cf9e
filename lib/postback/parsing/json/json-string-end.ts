const BACKSLASH = 0x5c;

/**
 * Index of the quote closing the JSON string opened at `open` (a `"`), or -1 when it is never closed.
 * Same result as walking char by char with `\` skipping the next char, but jumps with indexOf, which is
 * what makes a pass over a body cheap: strings are most of it.
 */
export function jsonStringEnd(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote >= 0) {
    // Escaped only when preceded by an odd run of backslashes (the run cannot pass the opening quote).
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}
