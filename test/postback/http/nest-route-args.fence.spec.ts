import 'reflect-metadata';
import { Body, Headers, Query, Req, createParamDecorator } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ZixflowConfigError } from '../../../lib/errors/zixflow-config.error';
import { highestDecoratedParameterIndex } from '../../../lib/postback/http/nest-route-args.fence';

const Custom = createParamDecorator(() => 'custom');

/** Fails when a Nest upgrade changes the metadata @ZixflowPostback() reads to place its hidden argument. */
describe("Nest's route argument metadata (what the handler wrapper reads)", () => {
  it('gives the highest position any of Nest’s own and custom parameter decorators took', () => {
    class Hooks {
      none(): void {}
      first(@Body() _body: unknown): void {}
      sparse(@Req() _req: unknown, _plain: unknown, @Query('a') _a: unknown, @Custom() _c: unknown): void {}
      last(_a: unknown, _b: unknown, @Headers() _h: unknown): void {}
    }
    expect(highestDecoratedParameterIndex(Hooks, 'none')).toBe(-1);
    expect(highestDecoratedParameterIndex(Hooks, 'first')).toBe(0);
    expect(highestDecoratedParameterIndex(Hooks, 'sparse')).toBe(3);
    expect(highestDecoratedParameterIndex(Hooks, 'last')).toBe(2);
  });

  it.each([
    ['not an object', 'x'],
    ['an array', [{ index: 0 }]],
    ['an entry without a numeric index', { 'x:0': { position: 0 } }],
    ['a negative index', { 'x:0': { index: -1 } }],
  ])('refuses loudly, naming the way out, when the record is %s', (_label, record) => {
    class Hooks {
      handler(): void {}
    }
    Reflect.defineMetadata(ROUTE_ARGS_METADATA, record, Hooks, 'handler');
    expect(() => highestDecoratedParameterIndex(Hooks, 'handler')).toThrow(ZixflowConfigError);
    expect(() => highestDecoratedParameterIndex(Hooks, 'handler')).toThrow(/wrapHandler: false/);
  });
});
