import { Test } from '@nestjs/testing';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { RawBodyInspector } from '../../../lib/postback/http/raw-body.inspector';

/**
 * RawBodyInspector leans on Nest passing the app's `rawBody` flag to the adapter (see its comment). This
 * fails when a Nest release stops doing so, on either adapter: the startup error would then go quiet.
 */
describe.each<[string, () => AbstractHttpAdapter]>([
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
])('Nest tells the %s adapter whether rawBody is on', (_name, createAdapter) => {
  it.each([
    [true, 'enabled'],
    [false, 'disabled'],
  ])('rawBody: %s is seen as %s at app.init()', async (rawBody, state) => {
    const moduleRef = await Test.createTestingModule({ providers: [RawBodyInspector] }).compile();
    const app = moduleRef.createNestApplication(createAdapter(), { rawBody, logger: false });
    try {
      await app.init();
      expect(app.get(RawBodyInspector).state).toBe(state);
    } finally {
      await app.close();
    }
  });
});
