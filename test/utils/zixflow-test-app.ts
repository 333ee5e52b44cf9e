import type { INestApplication, LoggerService, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { ZixflowModule, type ZixflowModuleOptions } from '../../lib';
import { ZixflowSimulator, type ZixflowSimulatorOptions } from '../../lib/testing';

/**
 * One simulator for the enclosing `describe`: started before its first test, reset before each test, stopped
 * after the last. The instance is returned at once (not started yet), so tests use it as a plain constant.
 */
export function useTestSimulator(options: ZixflowSimulatorOptions = {}): ZixflowSimulator {
  const simulator = new ZixflowSimulator(options);
  beforeAll(async () => {
    await simulator.start();
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.stop());
  return simulator;
}

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

export interface TestAppOptions {
  logger?: LoggerService | false;
  /** Call app.enableShutdownHooks() before init. */
  shutdownHooks?: boolean;
  /** Nest application options other than the logger, e.g. `rawBody`. */
  app?: Omit<NestApplicationOptions, 'logger'>;
  /** Runs before init, e.g. to add global pipes. */
  configure?: (app: INestApplication) => void;
  /** Listen on this loopback port instead of only initializing. */
  listenPort?: number;
  /** The HTTP adapter (e.g. a FastifyAdapter); Nest's default (Express) when absent. */
  adapter?: AbstractHttpAdapter;
  /** Changes the testing module before it compiles, e.g. `overrideProvider(...)`. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface ZixflowTestAppOptions
  extends TestAppOptions, Pick<ModuleMetadata, 'imports' | 'providers' | 'controllers'> {}

/** A real Nest app from `metadata`: initialized, or listening on loopback when `listenPort` is given. */
export async function createTestApp(
  metadata: ModuleMetadata,
  options: TestAppOptions = {},
): Promise<INestApplication> {
  const builder = Test.createTestingModule(metadata);
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const appOptions: NestApplicationOptions = { ...options.app, logger: options.logger ?? false };
  const app = options.adapter
    ? moduleRef.createNestApplication(options.adapter, appOptions)
    : moduleRef.createNestApplication(appOptions);
  if (options.shutdownHooks) app.enableShutdownHooks();
  options.configure?.(app);
  if (options.listenPort === undefined) {
    await app.init();
  } else {
    await app.listen(options.listenPort, '127.0.0.1');
  }
  return app;
}

/** A real Nest app with ZixflowModule.forRoot(simulatorOptions(...)) and what `options` adds. */
export function createZixflowTestApp(
  simulator: ZixflowSimulator,
  extra: Partial<ZixflowModuleOptions> = {},
  options: ZixflowTestAppOptions = {},
): Promise<INestApplication> {
  const { imports = [], providers = [], controllers = [], ...appOptions } = options;
  return createTestApp(
    {
      imports: [ZixflowModule.forRoot(simulatorOptions(simulator, extra)), ...imports],
      providers,
      controllers,
    },
    appOptions,
  );
}
