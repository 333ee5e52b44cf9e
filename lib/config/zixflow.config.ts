import { registerAs } from '@nestjs/config';
import { loadZixflowOptionsFromEnv } from './load-zixflow-env';
import { resolveZixflowOptions } from './resolve-zixflow-options';

/**
 * `@nestjs/config` namespace `zixflow`, read from ZIXFLOW_* variables and checked when ConfigModule loads it:
 * `ZixflowModule.forRootAsync({ imports: [ConfigModule.forFeature(zixflowConfig)], inject: [zixflowConfig.KEY], useFactory: (c) => c })`.
 */
export const zixflowConfig = registerAs('zixflow', () => {
  const options = loadZixflowOptionsFromEnv(process.env);
  resolveZixflowOptions(options);
  return options;
});
