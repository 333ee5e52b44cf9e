import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/nest-http-service.fixture.ts');

/** Runs the fixture in a plain Node process (see the fixture for why) and returns its JSON line. */
function runFixture(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--no-warnings', '-r', 'ts-node/register/transpile-only', FIXTURE],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
        timeout: 25_000,
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`fixture failed: ${error.message}\n${stderr}`));
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve(JSON.parse(line) as Record<string, unknown>);
      },
    );
  });
}

describe('undici adapter under @nestjs/axios HttpService', () => {
  it('works via HttpModule.register({ adapter }) and new HttpService(axios.create({ adapter }))', async () => {
    const out = await runFixture();
    expect(out.registered).toEqual({
      status: 200,
      adapter: 'undici',
      data: expect.objectContaining({
        success: true,
        request_id: 'r-1',
        echo: { recipient: '919876543210' },
        key: 'k1',
      }),
    });
    expect(out.registeredError).toEqual({
      status: 400,
      data: { success: false, message: 'bad sender_id' },
      code: 'ERR_BAD_REQUEST',
      sent: true,
    });
    expect(out.constructed).toEqual({ status: 200, echo: { a: 1 } });
  });
});
