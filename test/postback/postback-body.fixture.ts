/** The docs' example body, byte for byte. */
export const DOCS_EXAMPLE_BODY =
  '{"workspace_id":"69614209f51dfafb2231a6fe","type":"delivery_status","message_id":604132581490819100,"request_id":"65ca1d21-8854-4d39-a0bd-64f1cd7b8db1","channel":"whatsapp","recipient":"919090909090","status":"delivered","remark":"","status_at":"2026-01-28T17:17:59.254174911Z","post_back_data":"somedata"}';

/** Each field of the docs' example as JSON source text, so a test can write any literal it likes. */
export const DOCS_FIELDS: Record<string, string> = {
  workspace_id: '"69614209f51dfafb2231a6fe"',
  type: '"delivery_status"',
  message_id: '604132581490819100',
  request_id: '"65ca1d21-8854-4d39-a0bd-64f1cd7b8db1"',
  channel: '"whatsapp"',
  recipient: '"919090909090"',
  status: '"delivered"',
  remark: '""',
  status_at: '"2026-01-28T17:17:59.254174911Z"',
  post_back_data: '"somedata"',
};

/** The docs' example with fields replaced (JSON source text) or removed (undefined). */
export function postbackBody(overrides: Record<string, string | undefined> = {}): string {
  const fields = { ...DOCS_FIELDS, ...overrides };
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, source]) => `${JSON.stringify(key)}:${source}`);
  return `{${parts.join(',')}}`;
}
