import 'reflect-metadata';
import { Controller } from '@nestjs/common';
import {
  PostbackPayload,
  ZixflowPostback,
  type ZixflowModuleOptions,
  type ZixflowPostbackEvent,
} from '../../lib';
import { CaptureLogger } from '../utils/capture-logger';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const SECRET = 'pbS3cr3t-Kq7Zr2Xw9Lm4Tn8Vs1Yd6Hj';

@Controller('webhooks')
class StatusController {
  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() _event: ZixflowPostbackEvent): void {}
}

describe('Startup warning: postbacks expected but no postback.publicUrl', () => {
  const simulator = useTestSimulator();

  async function bootLines(extra: Partial<ZixflowModuleOptions>, handlers: boolean): Promise<string[]> {
    const logger = new CaptureLogger();
    const app = await createZixflowTestApp(simulator, extra, {
      logger,
      controllers: handlers ? [StatusController] : [],
    });
    await app.close();
    return logger.lines.filter((line) => line.includes('ZIXFLOW_POSTBACK_URL'));
  }

  it('warns, naming ZIXFLOW_POSTBACK_URL, when a postback secret is set', async () => {
    expect(await bootLines({ postback: { secret: SECRET } }, false)).toEqual([
      expect.stringMatching(
        /^warn \[.*\] a postback secret is set, but postback\.publicUrl is not \(env ZIXFLOW_POSTBACK_URL\): sends go out without post_back_url/,
      ),
    ]);
  });

  it('warns when @ZixflowPostback() handlers exist', async () => {
    expect(await bootLines({}, true)).toEqual([
      expect.stringMatching(
        /^warn \[.*\] postback handlers exist \(StatusController\.onStatus\), but postback\.publicUrl is not \(env ZIXFLOW_POSTBACK_URL\)/,
      ),
    ]);
  });

  it.each([
    [
      'a public URL and a secret are set',
      { postback: { secret: SECRET, publicUrl: 'https://app.example.test/webhooks/zixflow' } },
      true,
    ],
    ['nothing about postbacks is configured and no handler exists', {}, false],
    [
      'handlers accept unsigned postbacks (verify: false, URLs passed per send)',
      { postback: { verify: false } },
      true,
    ],
  ])('stays silent when %s', async (_name, extra, handlers) => {
    expect(await bootLines(extra, handlers)).toEqual([]);
  });
});
