import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { ZIXFLOW_RESOLVED_OPTIONS } from '../../zixflow.constants';
import type { ZixflowResolvedOptions } from '../../interfaces/zixflow-resolved-options.interface';
import { buildPostbackBody } from '../postback-body';
import { deliverPostback } from '../postback-delivery';
import { nanosecondTimestamp } from '../nanosecond-timestamp';
import { SIMULATOR_POSTBACK_TIMEOUT_MS } from '../simulator.constants';
import { AppHttpTarget } from './app-http-target';
import { notSentMessage, sendMatches, type ZixflowTestingSendMatcher } from './expect-sent';
import { FakeZixflowBackend } from './fake-zixflow.backend';
import type { ZixflowScriptedOutcome } from './interfaces/zixflow-scripted-outcome.interface';
import type { ZixflowTestingSend } from './interfaces/zixflow-testing-send.interface';
import type {
  ZixflowTestingPostback,
  ZixflowTestingPostbackResult,
} from './interfaces/zixflow-testing-postback.interface';
import { ZIXFLOW_TESTING_DEFAULT_OUTCOME } from './zixflow-testing.tokens';
import { checkScriptedOutcome } from './scripted-outcome.check';

/**
 * The other side of ZixflowTestingModule: what your code sent, how Zixflow answers it, and the postbacks it
 * sends back. Inject it in a test (`moduleRef.get(ZixflowTesting)`). Call `reset()` between tests that share an app.
 *
 * @example
 * ```ts
 * const testing = app.get(ZixflowTesting);
 * testing.scriptOutcome('919876543210', { outcome: 'rejected', code: 'API_ERROR', status: 400 });
 * await expect(service.notify('919876543210')).rejects.toMatchObject({ code: 'API_ERROR' });
 * testing.expectSent({ recipient: '919876543210', outcome: 'rejected' });
 * ```
 */
@Injectable()
export class ZixflowTesting {
  private readonly targets = new WeakMap<Server, AppHttpTarget>();

  /** @internal Nest builds it: inject `ZixflowTesting`, never construct it. */
  constructor(
    private readonly backend: FakeZixflowBackend,
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    @Inject(ZIXFLOW_TESTING_DEFAULT_OUTCOME) private readonly defaultOutcome: ZixflowScriptedOutcome,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Every send request received since start or `reset()`, in order (a retried send once per attempt). */
  get sent(): readonly ZixflowTestingSend[] {
    return [...this.backend.sends];
  }

  /**
   * The first send with every field of `expected` (a RegExp matches a string field, e.g. `message: /code 12/`).
   * @throws Error listing every send made when none matches.
   */
  expectSent(expected: ZixflowTestingSendMatcher): ZixflowTestingSend {
    const match = this.backend.sends.find((send) => sendMatches(send, expected));
    if (match === undefined) {
      const error = new Error(notSentMessage(expected, this.backend.sends));
      error.name = 'ZixflowTestingAssertionError';
      Error.captureStackTrace?.(error, this.expectSent);
      throw error;
    }
    return match;
  }

  /**
   * Answers the next `times` sends to `recipient` with `outcome` (every send until `reset()` when `times` is
   * not given); `'*'` for any recipient without a script of its own. Scripts for one recipient apply in order.
   * The recipient is compared as sent (digits only, after the module's normalization).
   * @throws TypeError / RangeError for an unknown outcome or code, a status that does not fit the code, or a
   * non-positive `times`.
   */
  scriptOutcome(recipient: string, outcome: ZixflowScriptedOutcome, times?: number): this {
    checkScriptedOutcome(outcome);
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    this.backend.script(recipient, outcome, times ?? Number.POSITIVE_INFINITY);
    return this;
  }

  /** Forgets sends, messages and scripts: the state right after the app started. */
  reset(): void {
    this.backend.reset(this.defaultOutcome);
  }

  /**
   * POSTs a delivery-status postback about a send to your app's `@ZixflowPostback()` route, with the send's
   * signed token, so it goes through the real guard, de-duplication and events like one from Zixflow. The
   * delivery report (`getDeliveryReport`, `waitForStatus`) then says this status, unless an older `statusAt`.
   * Resolves with the HTTP status your app answered (not an error for 4xx/5xx: assert on it).
   * @throws Error when no send matches, the send carried no postback URL, or there is no HTTP app to POST to.
   */
  async deliverPostback(postback: ZixflowTestingPostback): Promise<ZixflowTestingPostbackResult> {
    const message = this.backend.messageBy(postback);
    if (message === undefined) {
      const which =
        postback.requestId !== undefined
          ? `requestId ${postback.requestId}`
          : `sendId ${String(postback.sendId)}`;
      throw new Error(
        `ZixflowTesting.deliverPostback: no send went out with ${which} (only accepted sends and sends with ` +
          'outcome unknown have postbacks)',
      );
    }
    if (message.postBackUrl === undefined) {
      throw new Error(
        'ZixflowTesting.deliverPostback: the send carried no post_back_url (postback.publicUrl or postback.secret ' +
          'is unset in ZixflowTestingModule.forRoot)',
      );
    }
    const statusAt = postback.statusAt ?? nanosecondTimestamp();
    if (message.postbackStatusAt === undefined || statusAt >= message.postbackStatusAt) {
      message.postbackStatusAt = statusAt;
      message.status = postback.status;
      message.remark = postback.remark ?? '';
      message.statusAt = statusAt;
    }
    const body = buildPostbackBody({
      workspaceId: this.options.workspaceId,
      messageId: message.messageId,
      requestId: message.requestId,
      channel: postback.channel ?? message.channel,
      recipient: postback.recipient ?? message.recipient,
      status: postback.status,
      remark: postback.remark ?? '',
      statusAt,
      postBackData: postback.postBackData ?? message.postBackData,
    });
    const signed = new URL(message.postBackUrl);
    const path =
      postback.path === undefined
        ? `${signed.pathname}${signed.search}`
        : withQuery(postback.path, signed.searchParams);
    const target = this.targetOf(postback);
    const result = await target.use((origin) =>
      deliverPostback(new URL(path, origin), body, {
        signal: new AbortController().signal,
        timeoutMs: SIMULATOR_POSTBACK_TIMEOUT_MS,
      }),
    );
    if (result.status === undefined) {
      throw new Error(
        `ZixflowTesting.deliverPostback: the app did not answer (${result.error ?? 'no answer'})`,
      );
    }
    return { status: result.status, requestId: message.requestId, body };
  }

  private targetOf(postback: ZixflowTestingPostback): AppHttpTarget {
    const server = (postback.app?.getHttpServer() ?? this.adapterHost.httpAdapter?.getHttpServer()) as
      Server | undefined;
    if (server === undefined || typeof server.listen !== 'function') {
      throw new Error(
        'ZixflowTesting.deliverPostback needs an HTTP app: moduleRef.createNestApplication({ rawBody: true }), ' +
          'then await app.init() (or pass { app })',
      );
    }
    let target = this.targets.get(server);
    if (target === undefined) {
      target = new AppHttpTarget(server);
      this.targets.set(server, target);
    }
    return target;
  }
}

/** `path` with the signed URL's query (the token) added to its own. */
function withQuery(path: string, signed: URLSearchParams): string {
  const url = new URL(path, 'http://path.invalid');
  for (const [name, value] of signed) url.searchParams.append(name, value);
  return `${url.pathname}${url.search}`;
}
