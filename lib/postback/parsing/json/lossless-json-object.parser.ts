import { parse, type DuplicateKeyInfo } from 'lossless-json';
import { ZixflowPostbackRejectedError } from '../../../errors/zixflow-postback-rejected.error';
import { DOCUMENTED_POSTBACK_FIELDS } from './documented-postback.pattern';
import { JsonNumberLiteral } from './json-number-literal';

const parseNumber = (text: string): JsonNumberLiteral => new JsonNumberLiteral(text);

const KNOWN_FIELDS = new Set<string>(DOCUMENTED_POSTBACK_FIELDS);

// Conflicting duplicate keys are refused: which copy wins differs between parsers, and a proxy or a log
// reading the other copy would disagree with us. Exact repeats are harmless and lossless-json lets them by.
const onDuplicateKey = (info: DuplicateKeyInfo): never => {
  throw ZixflowPostbackRejectedError.invalid(
    'duplicate key with conflicting values',
    KNOWN_FIELDS.has(info.key) ? info.key : undefined,
  );
};

/**
 * The reference parse of a postback body (depth already checked): any JSON value, numbers as
 * JsonNumberLiterals, conflicting duplicate keys refused. Throws ZixflowPostbackRejectedError (400) only.
 * Slower than JSON.parse, but exact: message ids above 2^53 keep every digit.
 */
export function parseLosslessJson(text: string): unknown {
  try {
    return parse(text, null, { parseNumber, onDuplicateKey });
  } catch (error) {
    if (error instanceof ZixflowPostbackRejectedError) throw error;
    throw ZixflowPostbackRejectedError.invalid('body is not valid JSON');
  }
}
