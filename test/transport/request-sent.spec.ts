import { AxiosError } from 'axios';
import {
  classifyNodeError,
  markRequestSent,
  REQUEST_SENT,
  wasRequestSent,
} from '../../lib/transport/request-sent';

function systemError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('wasRequestSent', () => {
  it('reads the marker, or one level of cause', () => {
    expect(wasRequestSent(markRequestSent(new Error('x'), false))).toBe(false);
    expect(wasRequestSent(markRequestSent(new Error('x'), true))).toBe(true);
    const wrapped = new Error('outer', { cause: markRequestSent(new Error('inner'), false) });
    expect(wasRequestSent(wrapped)).toBe(false);
  });

  it('is undefined for unmarked values', () => {
    expect(wasRequestSent(new Error('x'))).toBeUndefined();
    expect(wasRequestSent(undefined)).toBeUndefined();
    expect(wasRequestSent('str')).toBeUndefined();
  });

  it('uses a registry symbol so separate copies of the package agree', () => {
    expect(REQUEST_SENT).toBe(Symbol.for('nestjs-zixflow.requestSent'));
  });

  it('does not leak into JSON', () => {
    expect(JSON.stringify(markRequestSent({ a: 1 }, true))).toBe('{"a":1}');
  });
});

describe('classifyNodeError', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('%s: not sent', (code) => {
    expect(classifyNodeError(AxiosError.from(systemError(code)))).toBe(false);
    expect(classifyNodeError({ code: 'ERR_X', cause: systemError(code) })).toBe(false);
  });

  it('happy-eyeballs AggregateError of refusals: not sent', () => {
    const aggregate = Object.assign(
      new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')]),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(classifyNodeError(aggregate)).toBe(false);
    expect(
      classifyNodeError(new AggregateError([systemError('ECONNREFUSED'), systemError('ETIMEDOUT')])),
    ).toBeUndefined();
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_CANCELED'])('%s: unknown', (code) => {
    expect(classifyNodeError(systemError(code))).toBeUndefined();
  });

  it('a response means the request arrived', () => {
    expect(classifyNodeError({ response: { status: 500 } })).toBe(true);
  });
});
