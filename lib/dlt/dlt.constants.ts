/** DLT operators commonly cap one `{#var#}` value at 30 characters. */
export const DEFAULT_DLT_MAX_VARIABLE_LENGTH = 30;

/** Environment variable that may hold a JSON array of `DltTemplate`s. */
export const ZIXFLOW_DLT_TEMPLATES_ENV = 'ZIXFLOW_DLT_TEMPLATES';

/** The DLT placeholder; portals show it in either case, so it is matched case-insensitively. */
export const DLT_VARIABLE_PLACEHOLDER = /\{#var#\}/i;
