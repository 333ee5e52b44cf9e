/** Shortest run of a secret's characters that is redacted wherever it appears. */
export const SECRET_RUN_MIN_LENGTH = 8;
const REDACTED = '[REDACTED]';
/** Longest text redacted; callers keep far less (an API message is cut at 500 characters). */
const MAX_REDACTED_INPUT = 4096;

/** What one list of secrets is looked for as: every run of SECRET_RUN_MIN_LENGTH characters, lower-cased. */
interface SecretMatcher {
  readonly runs: ReadonlySet<string>;
  /** Every character code of the runs: a window holding any other cannot be one. */
  readonly alphabet: ReadonlySet<number>;
  /** Secrets too short to have runs: replaced only where they appear whole. */
  readonly short: readonly string[];
}

/** Built once per secrets list (the resolved options hold one list for the app's lifetime). */
const matchers = new WeakMap<readonly string[], SecretMatcher>();

const NON_ASCII = /[\u0080-\uffff]/;

/** ASCII-only lower-casing keeps every index in place (String#toLowerCase may change the length). */
function lowerAscii(text: string): string {
  // On ASCII text the two agree, and toLowerCase costs a tenth of the pattern (measured).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/**
 * The secret and its base64 forms: as encoded alone, and as it reads inside a longer encoded text (e.g. a Basic
 * auth header) at each of the other two byte alignments, without the leading characters the alignment alters.
 */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const inner = offset === 0 ? encoded : encoded.slice(4);
    forms.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  return forms;
}

function matcherFor(secrets: readonly string[]): SecretMatcher {
  let matcher = matchers.get(secrets);
  if (matcher !== undefined) return matcher;
  const runs = new Set<string>();
  const alphabet = new Set<number>();
  const short: string[] = [];
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    if (secret.length < SECRET_RUN_MIN_LENGTH) {
      short.push(secret);
      continue;
    }
    for (const form of formsOf(secret)) {
      const lower = lowerAscii(form);
      for (let i = 0; i + SECRET_RUN_MIN_LENGTH <= lower.length; i++) {
        runs.add(lower.slice(i, i + SECRET_RUN_MIN_LENGTH));
      }
      for (let i = 0; i < lower.length; i++) alphabet.add(lower.charCodeAt(i));
    }
  }
  matcher = { runs, alphabet, short };
  matchers.set(secrets, matcher);
  return matcher;
}

/**
 * Redacts what a server may echo of a secret: any run of 8 or more of its characters, in any letter case, and
 * the same of its base64 forms; a secret shorter than that only where it appears whole. Used on anything the API
 * sends back before we show it, its success message on every send included.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const { runs, alphabet, short } = matcherFor(secrets);
  let out = text.length > MAX_REDACTED_INPUT ? text.slice(0, MAX_REDACTED_INPUT) : text;
  if (runs.size > 0 && out.length >= SECRET_RUN_MIN_LENGTH) {
    const lower = lowerAscii(out);
    let redacted = '';
    let copiedUpTo = 0;
    let coverEnd = -1;
    let coverStart = -1;
    // Characters in a row that the secrets' runs hold: only a window of such characters is looked up (a
    // space, in most API text, rules out every window across it without building it).
    let inAlphabet = 0;
    for (let end = 0; end < lower.length; end++) {
      inAlphabet = alphabet.has(lower.charCodeAt(end)) ? inAlphabet + 1 : 0;
      if (inAlphabet < SECRET_RUN_MIN_LENGTH) continue;
      const i = end + 1 - SECRET_RUN_MIN_LENGTH;
      if (!runs.has(lower.slice(i, end + 1))) continue;
      if (i > coverEnd) {
        if (coverStart >= 0) {
          redacted += out.slice(copiedUpTo, coverStart) + REDACTED;
          copiedUpTo = coverEnd;
        }
        coverStart = i;
      }
      coverEnd = i + SECRET_RUN_MIN_LENGTH;
    }
    if (coverStart >= 0) out = redacted + out.slice(copiedUpTo, coverStart) + REDACTED + out.slice(coverEnd);
  }
  for (const secret of short) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** `919876543210` -> `9198******10`: enough to recognise a number in logs without exposing it. */
export function maskRecipient(recipient: string): string {
  if (recipient.length <= 6) return '*'.repeat(recipient.length);
  return recipient.slice(0, 4) + '*'.repeat(recipient.length - 6) + recipient.slice(-2);
}
