import { isFinalStatus } from '../../store/status-order';
import type { ZixflowPostbackClaim } from '../../store/zixflow-store.interface';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { postbackDedupKey, postbackInstant } from './postback-dedup-key';

/** What the store is asked to record of an admitted postback. */
export function postbackClaim(event: ZixflowPostbackEvent): ZixflowPostbackClaim {
  const instant = postbackInstant(event.statusAt, event.statusDate);
  return {
    key: postbackDedupKey(event.requestId, event.status, instant),
    record: {
      requestId: event.requestId,
      sendId: event.sendId,
      status: event.status,
      statusAt: event.statusAt,
      instant,
      final: isFinalStatus(event.status),
      messageId: event.messageId,
      remark: event.remark,
    },
  };
}
