/** Query parameter that carries our signed token on the URL we hand to Zixflow (it signs nothing itself). */
export const POSTBACK_TOKEN_QUERY_PARAM = 'zxf_token';

/** Longest postback URL we generate. Zixflow caps webhook URLs at 500 characters; we keep a margin. */
export const POSTBACK_URL_MAX_LENGTH = 450;

/** Bodies above this answer 413. A real postback is about 400 bytes. */
export const DEFAULT_POSTBACK_MAX_BODY_BYTES = 65_536;

/** Objects/arrays nested deeper than this are refused before parsing (the parser is recursive). */
export const POSTBACK_MAX_JSON_DEPTH = 32;

/** Default in-memory de-duplication size: two keys per postback (see postbackEventsKey), so 10 000 postbacks. */
export const DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES = 20_000;

/**
 * Default de-duplication memory. A repeat comes from a retry after our answer was lost; the retry ladder
 * Zixflow uses for webhooks (15 s, 40 s, 3 min, ...) puts nearly all of them within a day.
 */
export const DEFAULT_POSTBACK_DEDUP_TTL_MS = 24 * 60 * 60 * 1000;
