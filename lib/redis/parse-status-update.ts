import type { ZixflowStatusUpdate } from '../store/zixflow-store.interface';

const STRING_FIELDS = ['requestId', 'status', 'statusAt', 'instant', 'messageId', 'remark'] as const;

/**
 * A message of the updates channel, `{"stale":<bool>,"record":<ZixflowStatusRecord>}`, or undefined when it
 * is not one (anyone with access to Redis can publish there): a bad message is dropped, never thrown.
 */
export function parseStatusUpdate(message: string): ZixflowStatusUpdate | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { stale, record } = parsed as { stale?: unknown; record?: unknown };
  if (typeof stale !== 'boolean' || typeof record !== 'object' || record === null) return undefined;
  const fields = record as Record<string, unknown>;
  if (STRING_FIELDS.some((name) => typeof fields[name] !== 'string')) return undefined;
  if (typeof fields.final !== 'boolean') return undefined;
  if (fields.sendId !== undefined && typeof fields.sendId !== 'string') return undefined;
  const update = {
    requestId: fields.requestId as string,
    ...(fields.sendId === undefined ? {} : { sendId: fields.sendId as string }),
    status: fields.status as string,
    statusAt: fields.statusAt as string,
    instant: fields.instant as string,
    final: fields.final,
    messageId: fields.messageId as string,
    remark: fields.remark as string,
    stale,
  };
  return update;
}
