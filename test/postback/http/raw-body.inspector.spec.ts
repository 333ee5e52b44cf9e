import { Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RAW_BODY_FIX, RawBodyInspector } from '../../../lib/postback/http/raw-body.inspector';

/** Just the two methods the inspector wraps, recording what reached them. */
class FakeAdapter {
  readonly calls: unknown[][] = [];
  registerParserMiddleware(...args: unknown[]): string {
    this.calls.push(['registerParserMiddleware', ...args]);
    return 'registered';
  }
  useBodyParser(...args: unknown[]): this {
    this.calls.push(['useBodyParser', ...args]);
    return this;
  }
}

const host = (adapter?: FakeAdapter): HttpAdapterHost => {
  const h = new HttpAdapterHost();
  if (adapter) h.httpAdapter = adapter as never;
  return h;
};

describe('RawBodyInspector', () => {
  it('is unknown until Nest registers its parsers', () => {
    expect(new RawBodyInspector(host(new FakeAdapter())).state).toBe('unknown');
  });

  it.each([
    [true, 'enabled'],
    [false, 'disabled'],
    [undefined, 'disabled'],
  ])(
    'records rawBody=%s from registerParserMiddleware, passing arguments and result through',
    (rawBody, state) => {
      const adapter = new FakeAdapter();
      const inspector = new RawBodyInspector(host(adapter));
      expect(adapter.registerParserMiddleware('/api', rawBody)).toBe('registered');
      expect(adapter.calls).toEqual([['registerParserMiddleware', '/api', rawBody]]);
      expect(inspector.state).toBe(state);
    },
  );

  it('records the flag app.useBodyParser() passes, and returns what the adapter returns', () => {
    const adapter = new FakeAdapter();
    const inspector = new RawBodyInspector(host(adapter));
    expect(adapter.useBodyParser('json', true, { limit: '1mb' })).toBe(adapter);
    expect(adapter.calls).toEqual([['useBodyParser', 'json', true, { limit: '1mb' }]]);
    expect(inspector.state).toBe('enabled');
  });

  it('waits for an adapter set after it was built (Test.createTestingModule().compile() first)', () => {
    const h = host();
    const inspector = new RawBodyInspector(h);
    const adapter = new FakeAdapter();
    h.httpAdapter = adapter as never;
    expect(h.httpAdapter).toBe(adapter);
    adapter.registerParserMiddleware('', true);
    expect(inspector.state).toBe('enabled');
  });

  it('falls back to watching the httpAdapter property on cores without init$', () => {
    class OldHost {
      private adapter: unknown;
      get httpAdapter(): unknown {
        return this.adapter;
      }
      set httpAdapter(value: unknown) {
        this.adapter = value;
      }
    }
    const h = new OldHost();
    const inspector = new RawBodyInspector(h as unknown as HttpAdapterHost);
    const adapter = new FakeAdapter();
    h.httpAdapter = adapter;
    expect(h.httpAdapter).toBe(adapter);
    adapter.registerParserMiddleware('', false);
    expect(inspector.state).toBe('disabled');
  });

  it('reports a request without raw body once, naming the fix', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const inspector = new RawBodyInspector(host());
      inspector.reportMissingRawBody();
      inspector.reportMissingRawBody();
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0][0])).toContain(RAW_BODY_FIX);
    } finally {
      error.mockRestore();
    }
  });
});
