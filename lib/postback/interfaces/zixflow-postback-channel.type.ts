/**
 * Channels the docs list. Postbacks share one format across channels, so any other string is passed on
 * untouched rather than refused (`string & {}` keeps editor completion for the known ones).
 */
export type ZixflowPostbackChannel = 'sms' | 'rcs' | 'whatsapp' | 'email' | (string & {});
