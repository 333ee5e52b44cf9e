/**
 * `nestjs-zixflow/config`: `zixflowConfig` for `@nestjs/config` (an optional peer, required by this entry
 * point only). Without `@nestjs/config`, use `loadZixflowOptionsFromEnv` from the root entry.
 *
 * @packageDocumentation
 */
export { zixflowConfig } from './zixflow.config';
