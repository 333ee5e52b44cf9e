// Runs first when nestjs-zixflow/queue loads: without the optional peer, say what to install rather than
// surface Node's bare "Cannot find module 'bullmq'" from deep inside the entry point.
import { ZixflowConfigError } from '../errors/zixflow-config.error';

try {
  require.resolve('bullmq');
} catch {
  throw new ZixflowConfigError([
    'nestjs-zixflow/queue needs the optional peer dependency bullmq (with ioredis): npm install bullmq ioredis',
  ]);
}
