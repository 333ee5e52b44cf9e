/**
 * Statuses seen in the docs. No complete list is published, so any non-empty string is accepted and kept
 * exactly as sent (not lowercased): compare case-insensitively yourself if you need to.
 */
export type ZixflowPostbackStatus = 'delivered' | 'failed' | 'read' | 'clicked' | (string & {});
