// Runs first when nestjs-zixflow/queue loads: without the optional peers, say what to install rather than
// surface Node's bare "Cannot find module 'bullmq'" from deep inside the entry point.
import { ZixflowConfigError } from '../errors/zixflow-config.error';

const missing = ['bullmq', '@nestjs/bullmq'].filter((peer) => {
  try {
    require.resolve(peer);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  throw new ZixflowConfigError([
    `nestjs-zixflow/queue needs the optional peer dependencies bullmq and @nestjs/bullmq (with ioredis), ` +
      `missing: ${missing.join(', ')}. npm install bullmq @nestjs/bullmq ioredis`,
  ]);
}
