// API reports with @microsoft/api-extractor, one per entry point, read from the built .d.ts in dist/.
//   npm run api        builds, then rewrites etc/*.api.md
//   npm run api:check  (after a build) fails when an entry point's exports differ from its committed report,
//                      when an export has no TSDoc comment, or when its API names a type nobody exports
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const ROOT = path.resolve(__dirname, '..');
const REPORT_FOLDER = path.join(ROOT, 'etc');
const TEMP_FOLDER = path.join(ROOT, '.tmp', 'api');

interface EntryPoint {
  name: string;
  dts: string;
  report: string;
  /** Types the entry point's API names but another entry point (or Nest) exports. */
  notExported?: string[];
}

const ENTRY_POINTS: EntryPoint[] = [
  {
    name: '.',
    dts: 'dist/index.d.ts',
    report: 'nestjs-zixflow.api.md',
    // ZixflowModule extends the class Nest's ConfigurableModuleBuilder makes; its statics are overridden.
    notExported: ['ConfigurableModuleClass'],
  },
  {
    name: './testing',
    dts: 'dist/testing/index.d.ts',
    report: 'nestjs-zixflow-testing.api.md',
    // ZixflowTestingModuleOptions extends the root entry's module options and extras.
    notExported: ['ZixflowModuleOptions', 'ZixflowModuleExtras'],
  },
  {
    name: './config',
    dts: 'dist/config/index.d.ts',
    report: 'nestjs-zixflow-config.api.md',
    // zixflowConfig's type names the options type, which the root entry exports.
    notExported: ['ZixflowModuleOptions'],
  },
  { name: './health', dts: 'dist/health/index.d.ts', report: 'nestjs-zixflow-health.api.md' },
  {
    name: './redis',
    dts: 'dist/redis/index.d.ts',
    report: 'nestjs-zixflow-redis.api.md',
    // RedisZixflowStore implements the store interface, whose types the root entry exports.
    notExported: [
      'ZixflowStore',
      'ZixflowStoreTtlOptions',
      'ZixflowPostbackClaim',
      'ZixflowPostbackClaimResult',
      'ZixflowSettledSend',
      'ZixflowStatusRecord',
      'ZixflowStatusUpdate',
    ],
  },
  {
    name: './queue',
    dts: 'dist/queue/index.d.ts',
    report: 'nestjs-zixflow-queue.api.md',
    // ZixflowQueueModule extends the class Nest's ConfigurableModuleBuilder makes; the job data and the events
    // name the root entry's input, error code and outcome types.
    notExported: [
      'ConfigurableModuleClass',
      'SendSmsInput',
      'SendSmsDto',
      'ZixflowErrorCode',
      'SendOutcome',
      'ZixflowValidationError',
    ],
  },
];

const check = process.argv.includes('--check');
let failed = false;

for (const entry of ENTRY_POINTS) {
  const config = ExtractorConfig.prepare({
    // No api-extractor.json: the whole configuration is here; this path only anchors relative ones.
    configObjectFullPath: path.join(ROOT, 'api-extractor.json'),
    packageJsonFullPath: path.join(ROOT, 'package.json'),
    configObject: {
      projectFolder: ROOT,
      mainEntryPointFilePath: path.join(ROOT, entry.dts),
      compiler: { tsconfigFilePath: path.join(ROOT, 'tsconfig.build.json') },
      newlineKind: 'lf',
      apiReport: {
        enabled: true,
        reportFileName: entry.report,
        reportFolder: REPORT_FOLDER,
        reportTempFolder: TEMP_FOLDER,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Error, addToApiReportFile: false },
          // No release tags: everything an entry point exports is public.
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
          // Exports are checked below, from the report; members may rely on their names and types.
          'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      },
    },
  });
  fs.mkdirSync(REPORT_FOLDER, { recursive: true });
  const result = Extractor.invoke(config, {
    localBuild: !check,
    showVerboseMessages: false,
    messageCallback: (message) => {
      if (
        message.messageId === 'ae-forgotten-export' &&
        (entry.notExported ?? []).some((n) => message.text.includes(`"${n}"`))
      ) {
        message.logLevel = ExtractorLogLevel.None;
      }
    },
  });
  const undocumented = undocumentedExports(fs.readFileSync(path.join(TEMP_FOLDER, entry.report), 'utf8'));
  for (const name of undocumented) console.error(`${entry.name}: no TSDoc comment on the export ${name}`);
  if (!result.succeeded || undocumented.length > 0) {
    failed = true;
    console.error(
      `API report of ${entry.name} (etc/${entry.report}) ${result.apiReportChanged ? 'is out of date' : 'failed'}: ` +
        `${result.errorCount} error(s)${undocumented.length ? `, ${undocumented.length} undocumented export(s)` : ''}.` +
        (check ? ' Run `npm run api` and commit etc/.' : ''),
    );
  }
}

process.exit(failed ? 1 : 0);

/** Exports the report marks `(undocumented)`: their synopsis comment starts a line; members' are indented. */
function undocumentedExports(report: string): string[] {
  const lines = report.split('\n');
  const names: string[] = [];
  lines.forEach((line, i) => {
    if (/^\/\/ .*\(undocumented\)/.test(line))
      names.push((lines[i + 1] ?? '').replace(/[({<:=].*$/, '').trim());
  });
  return names;
}
