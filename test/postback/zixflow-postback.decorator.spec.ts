import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import {
  GUARDS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
} from '@nestjs/common/constants';
import { createZixflowPostbackController } from '../../lib/postback/zixflow-postback.controller';
import { ZixflowPostback } from '../../lib/postback/zixflow-postback.decorator';
import { ZixflowPostbackGuard } from '../../lib/postback/zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from '../../lib/postback/zixflow-postback.interceptor';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../../lib/postback/zixflow-postback.constants';

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

describe('@ZixflowPostback()', () => {
  it('is POST <path>, 200, behind the guard and interceptor, and marked as a postback handler', () => {
    class Hooks {
      @ZixflowPostback('zixflow')
      onStatus(): void {}
    }
    expect(routeOf(Hooks.prototype.onStatus)).toEqual({
      path: 'zixflow',
      method: RequestMethod.POST,
      httpCode: 200,
      guards: [ZixflowPostbackGuard],
      interceptors: [ZixflowPostbackInterceptor],
      handler: true,
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
