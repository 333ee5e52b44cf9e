const MARKER = '__zixflow_simulator_bigint__';
const MARKER_PATTERN = new RegExp(`"${MARKER}(-?\\d+)"`, 'g');

/**
 * `JSON.stringify` that writes `bigint` values as raw integer literals (e.g. a postback `message_id` of
 * `604132581490819101n`) instead of throwing.
 */
export function stringifyWithBigInt(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? `${MARKER}${item.toString()}` : item,
  );
  if (json === undefined) {
    throw new TypeError('value is not JSON-serializable');
  }
  return json.replace(MARKER_PATTERN, '$1');
}
