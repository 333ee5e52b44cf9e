import {
  POSTBACK_REJECTION_WINDOW_MS,
  PostbackRejectionLog,
} from '../../../lib/postback/http/postback-rejection.log';
import { CaptureLogger } from '../../utils/capture-logger';

describe('PostbackRejectionLog', () => {
  let logger: CaptureLogger;
  let log: PostbackRejectionLog;

  beforeEach(() => {
    jest.useFakeTimers();
    logger = new CaptureLogger();
    log = new PostbackRejectionLog(logger);
  });
  afterEach(() => {
    log.flush();
    jest.useRealTimers();
  });

  const warnings = (): string[] => logger.lines.filter((line) => line.startsWith('warn'));

  it('logs the first refusal of each kind, then one summary at the end of the minute', () => {
    for (let i = 0; i < 1000; i++) log.record(401, 'postback token is missing');
    for (let i = 0; i < 30; i++) log.record(400, 'status_at must be an RFC 3339 date-time');
    log.record(400, 'workspace_id is missing');
    log.record(415, 'postbacks must be sent as application/json (charset utf-8)');
    expect(warnings()).toEqual([
      'warn [test] Postback refused with 401: postback token is missing',
      'warn [test] Postback refused with 400: status_at must be an RFC 3339 date-time',
      'warn [test] Postback refused with 400: workspace_id is missing',
      'warn [test] Postback refused with 415: postbacks must be sent as application/json (charset utf-8)',
    ]);
    jest.advanceTimersByTime(POSTBACK_REJECTION_WINDOW_MS - 1);
    expect(warnings()).toHaveLength(4);
    jest.advanceTimersByTime(1);
    expect(warnings().slice(4)).toEqual([
      'warn [test] 1032 rejected postbacks in the last minute: 401×1000, 400×31, 415×1',
    ]);
  });

  it('no summary when every refusal was logged; each minute starts afresh', () => {
    log.record(401, 'postback token is missing');
    jest.advanceTimersByTime(POSTBACK_REJECTION_WINDOW_MS);
    expect(warnings()).toHaveLength(1);
    // A new minute: its first refusal is logged in full again.
    log.record(401, 'postback token is missing');
    log.record(401, 'postback token is missing');
    expect(warnings()).toHaveLength(2);
    jest.advanceTimersByTime(POSTBACK_REJECTION_WINDOW_MS);
    expect(warnings()[2]).toBe('warn [test] 2 rejected postbacks in the last minute: 401×2');
    jest.advanceTimersByTime(10 * POSTBACK_REJECTION_WINDOW_MS);
    expect(warnings()).toHaveLength(3);
  });

  it('flush (at shutdown) writes the pending summary at once', () => {
    log.record(413, 'body is larger than 2048 bytes');
    log.record(413, 'body is larger than 2048 bytes');
    log.flush();
    expect(warnings()[1]).toBe('warn [test] 2 rejected postbacks in the last minute: 413×2');
    expect(jest.getTimerCount()).toBe(0);
  });
});
