import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ZixflowModule } from '../../zixflow.module';
import { ZIXFLOW_HTTP_SERVICE, ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_TRANSPORT } from '../../zixflow.constants';
import type { ZixflowResolvedOptions } from '../../interfaces/zixflow-resolved-options.interface';
import type { ZixflowModuleForRootOptions } from '../../zixflow.module-definition';
import { FakeZixflowBackend, NO_NETWORK_TRANSPORT } from './fake-zixflow.backend';
import type { ZixflowTestingModuleOptions } from './interfaces/zixflow-testing-module-options.interface';
import type { ZixflowScriptedOutcome } from './interfaces/zixflow-scripted-outcome.interface';
import { checkScriptedOutcome } from './scripted-outcome.check';
import {
  DEFAULT_TESTING_API_KEY,
  DEFAULT_TESTING_POSTBACK_SECRET,
  DEFAULT_TESTING_POSTBACK_URL,
  DEFAULT_TESTING_WORKSPACE_ID,
} from './zixflow-testing.constants';
import { ZixflowTesting } from './zixflow-testing.service';
import { ZIXFLOW_TESTING_DEFAULT_OUTCOME } from './zixflow-testing.tokens';
import { getZixflowTestingToken } from './zixflow-testing-token';
import { workspaceName } from '../../workspace/workspace-name';

/** What the testing module puts in place of the transport and HTTP service: everything else is ZixflowModule's. */
const REPLACED: readonly unknown[] = [ZIXFLOW_TRANSPORT, ZIXFLOW_HTTP_SERVICE];

function provides(provider: Provider): unknown {
  return typeof provider === 'function' ? provider : provider.provide;
}

/**
 * A drop-in for `ZixflowModule` in your tests: the same SmsService, validation, errors, events and postback
 * guard, with Zixflow answered in process (no HTTP leaves the app). Inject `ZixflowTesting` to see what was
 * sent, script answers per recipient and deliver postbacks to your own `@ZixflowPostback()` route.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({
 *   imports: [ZixflowTestingModule.forRoot({ defaults: { senderId: 'ACME', route: 'transactional' } })],
 *   providers: [NotificationService],
 * }).compile();
 * const testing = moduleRef.get(ZixflowTesting);
 * ```
 */
@Module({})
export class ZixflowTestingModule {
  /**
   * Registers SmsService (and ZixflowTesting) with `options` over test defaults: `apiKey`, `workspaceId`,
   * `postback.publicUrl` and `postback.secret` (see the `DEFAULT_TESTING_*` constants). `isGlobal` and
   * `postbackPath` work as with `ZixflowModule.forRoot`, and so does `name`: a named testing module exports its
   * SmsService and ZixflowTesting under `getSmsServiceToken(name)` and `getZixflowTestingToken(name)` only.
   * @throws TypeError / RangeError (at once) for an invalid `defaultOutcome`; other options are checked at boot,
   * as ZixflowModule checks them.
   */
  static forRoot(options: ZixflowTestingModuleOptions = {}): DynamicModule {
    const { defaultOutcome = { outcome: 'accepted' }, ...moduleOptions } = options;
    checkScriptedOutcome(defaultOutcome);
    const real = ZixflowModule.forRoot({
      ...moduleOptions,
      apiKey: moduleOptions.apiKey ?? DEFAULT_TESTING_API_KEY,
      workspaceId: moduleOptions.workspaceId ?? DEFAULT_TESTING_WORKSPACE_ID,
      postback: {
        publicUrl: DEFAULT_TESTING_POSTBACK_URL,
        secret: DEFAULT_TESTING_POSTBACK_SECRET,
        ...moduleOptions.postback,
      },
    } as ZixflowModuleForRootOptions);
    const outcome: ZixflowScriptedOutcome = defaultOutcome;
    const testing = workspaceName(options.name) === undefined ? [] : [getZixflowTestingToken(options.name)];
    const aliases = testing.map((token) => ({ provide: token, useExisting: ZixflowTesting }));
    return {
      ...real,
      module: ZixflowTestingModule,
      providers: [
        ...(real.providers ?? []).filter((provider) => !REPLACED.includes(provides(provider))),
        { provide: ZIXFLOW_TESTING_DEFAULT_OUTCOME, useValue: outcome },
        // One backend per app: a DynamicModule kept in a constant and compiled twice shares no state.
        {
          provide: FakeZixflowBackend,
          useFactory: (resolved: ZixflowResolvedOptions) =>
            new FakeZixflowBackend(resolved.workspaceId, outcome),
          inject: [ZIXFLOW_RESOLVED_OPTIONS],
        },
        { provide: ZIXFLOW_HTTP_SERVICE, useExisting: FakeZixflowBackend },
        { provide: ZIXFLOW_TRANSPORT, useValue: NO_NETWORK_TRANSPORT },
        ZixflowTesting,
        ...aliases,
      ],
      // Named: its own token only, so it can sit beside the unnamed testing module or another named one.
      exports: [...(real.exports ?? []), ...(aliases.length === 0 ? [ZixflowTesting] : testing)],
    };
  }
}
