/** Token of the instance's name inside its module: the `name` given to forRoot, or null for the unnamed one. */
export const ZIXFLOW_WORKSPACE = 'ZIXFLOW_WORKSPACE';

/** The name that means the unnamed instance, as `'default'` does for `@nestjs/typeorm`'s data source. */
export const DEFAULT_WORKSPACE_NAME = 'default';

/** Letters, digits, `_`, `-` and `.`, starting with a letter or digit: safe in tokens, headers and logs. */
export const WORKSPACE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
