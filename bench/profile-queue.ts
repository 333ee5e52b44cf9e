/**
 * Profiling aid, not run by `npm run bench`: case (f) alone, both contenders, several alternating rounds, printing
 * each run's jobs/s and worker CPU per job and the medians. Extra arguments are Node flags for the worker processes,
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/qprof` (one .cpuprofile per worker). Build the plain-JS copy first:
 *   npx ts-node --transpile-only -e "require('./bench/build').buildForChildren()"
 *   node node_modules/.cache/nestjs-zixflow-bench/bench/profile-queue.js <rounds> <jobs> [node flags...]
 * Each run also prints the worker's system CPU and read/write system calls per job (Linux).
 * - QUEUE_MODES picks the contenders (default raw,zixflow; see QueueMode).
 * - QUEUE_BASE_BUILD=<name> with the mode `zixflow-base`: the worker of another build of the tree, so two versions
 *   of the code are compared in the same rounds, which a shared host's drift does not skew as much as separate
 *   runs. Make it after the build above, e.g. from main:
 *     npx ts-node --transpile-only -e "require('./bench/build').buildBaseForChildren('main', 'zixflow-base')"
 *     QUEUE_BASE_BUILD=zixflow-base QUEUE_MODES=raw,zixflow,zixflow-base node .../profile-queue.js 7 20000
 * - QUEUE_WORKER_PROFILE_DIR=<dir>: each worker writes a CPU profile of the measured run alone (warm-up and boot
 *   excluded, unlike --cpu-prof) to <dir>/<mode>.<pid>.cpuprofile.
 * - QUEUE_CALLGRIND=1 runs the workers under callgrind and prints their instructions per job (user space, every
 *   thread, warm-up excluded), which a busy host does not skew; a round then takes minutes, so keep <jobs> to a few
 *   thousand. Rough: under valgrind a worker is ~70x slower, so its batches and timings are not those of a real run.
 */
import 'reflect-metadata';
import { forkTs } from './child';
import { runQueueThroughput, type QueueMode, type QueueRunResult } from './cases/queue-throughput.case';
import { fmt } from './load';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const total = Number(process.argv[3] ?? 20_000);
  const workerExecArgv = process.argv.slice(4);
  // QUEUE_MODES=raw,zixflow,zixflow-plain adds the module with its fast paths off.
  const modes = (process.env.QUEUE_MODES ?? 'raw,zixflow').split(',') as QueueMode[];
  const callgrind = process.env.QUEUE_CALLGRIND === '1';
  const stub = await forkTs<{ type: 'ready'; port: number }>('servers/zixflow-stub.server.ts');
  try {
    const r = await runQueueThroughput({
      baseUrl: `http://127.0.0.1:${stub.ready.port}`,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      total,
      warmup: 2_000,
      concurrency: 64,
      rounds,
      maxMsPerRun: callgrind ? 1_800_000 : 60_000,
      callgrind,
      workerExecArgv,
      modes,
    });
    for (const [i, round] of r.rounds.entries()) {
      for (const mode of modes) {
        const x = round[mode] as QueueRunResult;
        console.log(
          `round ${i + 1} ${mode.padEnd(8)} ${fmt(x.perSecond).padStart(7)} jobs/s ${fmt(x.workerCpuUsPerJob, 1).padStart(6)} µs CPU/job (sys ${fmt(x.workerSystemUsPerJob, 1)}, ${x.workerReadsPerJob.toFixed(2)} reads ${x.workerWritesPerJob.toFixed(2)} writes) ${x.completed}/${x.jobs}${x.failed ? ` ${x.failed} failed` : ''}${x.workerInstructionsPerJob === undefined ? '' : ` ${fmt(x.workerInstructionsPerJob)} instructions/job`}`,
        );
      }
    }
    const med = (mode: QueueMode, key: 'perSecond' | 'workerCpuUsPerJob') =>
      median(r.rounds.map((round) => (round[mode] as QueueRunResult)[key]));
    for (const mode of modes) {
      console.log(
        `median ${mode.padEnd(13)} ${fmt(med(mode, 'perSecond')).padStart(7)} jobs/s ${fmt(med(mode, 'workerCpuUsPerJob'), 1).padStart(6)} µs CPU/job`,
      );
    }
    // Paired: each round's ratio to the raw worker of the same round, then the median of those.
    for (const mode of modes.includes('raw') ? modes.filter((m) => m !== 'raw') : []) {
      const of = (key: 'perSecond' | 'workerCpuUsPerJob') =>
        median(
          r.rounds.map((round) => {
            const ours = (round[mode] as QueueRunResult)[key];
            const raw = (round.raw as QueueRunResult)[key];
            return key === 'perSecond' ? ours / raw : raw / ours;
          }),
        ).toFixed(2);
      console.log(
        `${mode} / raw, median of per-round ratios: jobs/s ${of('perSecond')}x, CPU ${of('workerCpuUsPerJob')}x`,
      );
    }
  } finally {
    await stub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
