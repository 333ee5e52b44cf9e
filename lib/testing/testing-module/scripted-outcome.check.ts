import type { ZixflowScriptedOutcome } from './interfaces/zixflow-scripted-outcome.interface';

const CODES = ['AUTH', 'RATE_LIMITED', 'API_ERROR'];

/** Throws TypeError / RangeError for an outcome ZixflowTestingModule cannot answer with. */
export function checkScriptedOutcome(outcome: ZixflowScriptedOutcome): void {
  const kind = (outcome as { outcome?: unknown } | undefined)?.outcome;
  if (kind === 'accepted' || kind === 'unknown') return;
  if (kind !== 'rejected') {
    throw new TypeError(`outcome must be 'accepted', 'rejected' or 'unknown', got ${JSON.stringify(kind)}`);
  }
  const { code, status } = outcome as Extract<ZixflowScriptedOutcome, { outcome: 'rejected' }>;
  if (!CODES.includes(code))
    throw new TypeError(`code must be one of ${CODES.join(', ')}, got ${JSON.stringify(code)}`);
  if (status === undefined) return;
  if (code === 'AUTH' && status !== 401 && status !== 403) {
    throw new RangeError(`an AUTH rejection has status 401 or 403, got ${status}`);
  }
  if (
    code === 'API_ERROR' &&
    (!Number.isInteger(status) ||
      status < 400 ||
      status > 599 ||
      status === 401 ||
      status === 403 ||
      status === 429)
  ) {
    throw new RangeError(
      `an API_ERROR rejection has a status from 400 to 599 other than 401, 403 and 429, got ${status}`,
    );
  }
}
