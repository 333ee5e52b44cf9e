import type { INestApplication, LoggerService, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ZixflowModule, type ZixflowModuleOptions } from '../../lib';
import type { ZixflowSimulator } from '../../lib/testing';

/** Module options pointing at `simulator`, with the defaults most tests send with. */
export function simulatorOptions(
  simulator: ZixflowSimulator,
  extra: Partial<ZixflowModuleOptions> = {},
): ZixflowModuleOptions {
  return {
    apiKey: simulator.apiKey,
    workspaceId: simulator.workspaceId,
    baseUrl: simulator.url,
    defaults: { senderId: 'ZIXFLW', route: 'transactional' },
    ...extra,
  };
}

export interface ZixflowTestAppOptions extends Pick<ModuleMetadata, 'imports' | 'providers' | 'controllers'> {
  logger?: LoggerService | false;
  /** Call app.enableShutdownHooks() before init. */
  shutdownHooks?: boolean;
}

/** A real Nest app (initialized, not listening) with ZixflowModule.forRoot(simulatorOptions(...)). */
export async function createZixflowTestApp(
  simulator: ZixflowSimulator,
  extra: Partial<ZixflowModuleOptions> = {},
  options: ZixflowTestAppOptions = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ZixflowModule.forRoot(simulatorOptions(simulator, extra)), ...(options.imports ?? [])],
    providers: options.providers ?? [],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: options.logger ?? false });
  if (options.shutdownHooks) app.enableShutdownHooks();
  await app.init();
  return app;
}
