/** Query parameter that carries our signed token on the URL we hand to Zixflow (it signs nothing itself). */
export const POSTBACK_TOKEN_QUERY_PARAM = 'zxf_token';

/** Longest postback URL we generate. Zixflow caps webhook URLs at 500 characters; we keep a margin. */
export const POSTBACK_URL_MAX_LENGTH = 450;

/** Bodies above this answer 413. A real postback is about 400 bytes. */
export const DEFAULT_POSTBACK_MAX_BODY_BYTES = 65_536;

/** Objects/arrays nested deeper than this are refused before parsing (the parser is recursive). */
export const POSTBACK_MAX_JSON_DEPTH = 32;
