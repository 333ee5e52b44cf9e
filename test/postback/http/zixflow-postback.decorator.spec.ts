import 'reflect-metadata';
import { Body, Header, RequestMethod } from '@nestjs/common';
import {
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { AdmittedPostback } from '../../../lib/postback/http/admitted-postback';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { PostbackPayload } from '../../../lib/postback/http/postback-payload.decorator';
import type { PostbackProcessor } from '../../../lib/postback/processing/postback.processor';
import { createZixflowPostbackController } from '../../../lib/postback/http/zixflow-postback.controller';
import { ZixflowPostback } from '../../../lib/postback/http/zixflow-postback.decorator';
import { ZixflowPostbackGuard } from '../../../lib/postback/http/zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from '../../../lib/postback/http/zixflow-postback.interceptor';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../../../lib/postback/zixflow-postback.constants';
import { DOCS_EXAMPLE_BODY } from '../postback-body.fixture';

function routeOf(method: object) {
  return {
    path: Reflect.getMetadata(PATH_METADATA, method) as unknown,
    method: Reflect.getMetadata(METHOD_METADATA, method) as unknown,
    httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, method) as unknown,
    guards: Reflect.getMetadata(GUARDS_METADATA, method) as unknown,
    interceptors: Reflect.getMetadata(INTERCEPTORS_METADATA, method) as unknown,
    handler: Reflect.getMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, method) as unknown,
  };
}

/** Indexes of the decorated arguments of `method`, as Nest reads them. */
function argumentIndexes(type: object, method: string): number[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, method) ?? {}) as Record<
    string,
    { index: number }
  >;
  return Object.values(args)
    .map((a) => a.index)
    .sort();
}

const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);

/** A processor that records what it is asked and runs the handler, as for a new postback. */
function recordingProcessor(): PostbackProcessor & { calls: number } {
  const processor = {
    calls: 0,
    process: (_event: unknown, handle: () => unknown) => {
      processor.calls++;
      return Promise.resolve(handle());
    },
  };
  return processor as unknown as PostbackProcessor & { calls: number };
}

describe('@ZixflowPostback()', () => {
  it('is POST <path>, 200, behind the guard (no interceptor), and marked as a postback handler', () => {
    class Hooks {
      @ZixflowPostback('zixflow')
      onStatus(): void {}
    }
    expect(routeOf(Hooks.prototype.onStatus)).toEqual({
      path: 'zixflow',
      method: RequestMethod.POST,
      httpCode: 200,
      guards: [ZixflowPostbackGuard],
      interceptors: undefined,
      handler: { workspace: undefined },
    });
  });

  it('{ wrapHandler: false }: the same route behind the guard and ZixflowPostbackInterceptor, method untouched', () => {
    class Hooks {
      @ZixflowPostback('zixflow', { wrapHandler: false })
      onStatus(@PostbackPayload() _event: unknown): void {}
    }
    const original = Object.getOwnPropertyDescriptor(Hooks.prototype, 'onStatus')?.value as unknown;
    expect(routeOf(Hooks.prototype.onStatus)).toEqual({
      path: 'zixflow',
      method: RequestMethod.POST,
      httpCode: 200,
      guards: [ZixflowPostbackGuard],
      interceptors: [ZixflowPostbackInterceptor],
      handler: { workspace: undefined },
    });
    // No hidden argument: only the method's own decorated one.
    expect(argumentIndexes(Hooks, 'onStatus')).toEqual([0]);
    expect(original).toBe(Hooks.prototype.onStatus);
  });

  it("{ path, workspace }: the same route behind the named instance's guard, marked with its name", () => {
    class Hooks {
      @ZixflowPostback({ path: 'zixflow/marketing', workspace: 'marketing' })
      onStatus(): void {}
      @ZixflowPostback({ path: 'zixflow/default', workspace: 'default' })
      onDefault(): void {}
    }
    const route = routeOf(Hooks.prototype.onStatus);
    expect(route).toMatchObject({
      path: 'zixflow/marketing',
      method: RequestMethod.POST,
      httpCode: 200,
      handler: { workspace: 'marketing' },
    });
    const [guard] = route.guards as Array<{ name: string }>;
    expect(guard).not.toBe(ZixflowPostbackGuard);
    expect(guard.name).toBe('ZixflowPostbackGuard_marketing');
    // One class per name, so every route of a workspace shares its guard; 'default' is the unnamed instance.
    class More {
      @ZixflowPostback({ workspace: 'marketing' })
      onStatus(): void {}
    }
    expect(routeOf(More.prototype.onStatus).guards).toEqual([guard]);
    expect(routeOf(Hooks.prototype.onDefault)).toMatchObject({
      guards: [ZixflowPostbackGuard],
      handler: { workspace: undefined },
    });
  });

  it('refuses an invalid workspace name when the class is defined, naming the field', () => {
    expect(() => ZixflowPostback({ workspace: 'no spaces' })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('workspace must be') }),
    );
  });

  it('keeps route metadata written before it and receives what is written after it', () => {
    class Hooks {
      @Header('x-after', '1')
      @ZixflowPostback('zixflow')
      @Header('x-before', '1')
      onStatus(): void {}
    }
    expect(Reflect.getMetadata(HEADERS_METADATA, Hooks.prototype.onStatus)).toEqual([
      { name: 'x-before', value: '1' },
      { name: 'x-after', value: '1' },
    ]);
    expect(Hooks.prototype.onStatus.name).toBe('onStatus');
  });

  it("adds one hidden argument after all of the method's own, declared or decorated", () => {
    class Hooks {
      @ZixflowPostback('a')
      none(): void {}

      @ZixflowPostback('b')
      payload(@PostbackPayload() _event: unknown): void {}

      @ZixflowPostback('c')
      sparse(@PostbackPayload() _event: unknown, _undecorated: unknown, @Body() _body: unknown): void {}

      @ZixflowPostback('d')
      declared(_a?: unknown, _b?: unknown): void {}
    }
    expect(argumentIndexes(Hooks, 'none')).toEqual([0]);
    expect(argumentIndexes(Hooks, 'payload')).toEqual([0, 1]);
    expect(argumentIndexes(Hooks, 'sparse')).toEqual([0, 2, 3]);
    expect(argumentIndexes(Hooks, 'declared')).toEqual([2]);
  });

  describe('the wrapped method', () => {
    class Hooks {
      readonly seen: unknown[][] = [];

      @ZixflowPostback('x')
      onStatus(@PostbackPayload() payload: unknown, @Body() body: unknown): string {
        this.seen.push([payload, body]);
        return 'done';
      }
    }

    /** Calls the method as Nest does: its arguments, then the hidden one. */
    const asNest = (hooks: Hooks, ...args: unknown[]): unknown =>
      (hooks.onStatus as (...a: unknown[]) => unknown).apply(hooks, args);

    it("runs through the admitting app's processor and never sees the hidden argument", async () => {
      const hooks = new Hooks();
      const processor = recordingProcessor();
      const admitted = new AdmittedPostback(event, processor);
      await expect(asNest(hooks, event, 'body', admitted)).resolves.toBe('done');
      expect(processor.calls).toBe(1);
      expect(admitted.claimed).toBe(true);
      expect(hooks.seen).toEqual([[event, 'body']]);
    });

    it('each request goes to the processor of the app that admitted it (several apps in one process)', async () => {
      const hooks = new Hooks();
      const [a, b] = [recordingProcessor(), recordingProcessor()];
      await asNest(hooks, event, 1, new AdmittedPostback(event, a));
      await asNest(hooks, event, 2, new AdmittedPostback(event, b));
      await asNest(hooks, event, 3, new AdmittedPostback(event, b));
      expect([a.calls, b.calls]).toEqual([1, 2]);
    });

    it('runs as written when called directly (no hidden argument), e.g. from a unit test', () => {
      const hooks = new Hooks();
      expect(hooks.onStatus(event, 'body')).toBe('done');
      expect(hooks.seen).toEqual([[event, 'body']]);
    });

    it('runs the method alone when the postback is already being processed (hand-applied interceptor)', () => {
      const hooks = new Hooks();
      const processor = recordingProcessor();
      const admitted = new AdmittedPostback(event, processor);
      admitted.claimed = true;
      expect(asNest(hooks, event, 'body', admitted)).toBe('done');
      expect(processor.calls).toBe(0);
      expect(hooks.seen).toEqual([[event, 'body']]);
    });
  });

  it('the mounted controller is a fresh class per call with the path set at creation', () => {
    const a = createZixflowPostbackController('a/hook');
    const b = createZixflowPostbackController('b/hook');
    expect(a).not.toBe(b);
    const receive = (type: unknown) => (type as { prototype: { receive: object } }).prototype.receive;
    expect(routeOf(receive(a)).path).toBe('a/hook');
    expect(routeOf(receive(b)).path).toBe('b/hook');
    expect(routeOf(receive(a)).guards).toEqual([ZixflowPostbackGuard]);
  });
});
