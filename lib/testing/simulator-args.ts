import {
  DEFAULT_SIMULATOR_API_KEY,
  DEFAULT_SIMULATOR_CLI_PORT,
  DEFAULT_SIMULATOR_HOST,
  DEFAULT_SIMULATOR_WORKSPACE_ID,
} from './simulator.constants';

/** What the `zixflow-simulator` command line asks for. */
export type SimulatorCliCommand =
  { help: true } | { help: false; port: number; host: string; apiKey: string; workspaceId: string };

/** Usage text of the `zixflow-simulator` command. */
export const SIMULATOR_USAGE = `Usage: zixflow-simulator [options]

Runs a local fake of the Zixflow SMS API (send, template send, delivery report, postbacks).

Options:
  --port <n>             port to listen on, 0 for a random one (default ${DEFAULT_SIMULATOR_CLI_PORT})
  --host <addr>          interface to listen on (default ${DEFAULT_SIMULATOR_HOST})
  --api-key <key>        x-api-key to accept (default $ZIXFLOW_API_KEY or '${DEFAULT_SIMULATOR_API_KEY}')
  --workspace-id <id>    x-workspace-id to accept (default $ZIXFLOW_WORKSPACE_ID or '${DEFAULT_SIMULATOR_WORKSPACE_ID}')
  -h, --help             show this help
`;

const VALUE_FLAGS = ['--port', '--host', '--api-key', '--workspace-id'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function isValueFlag(name: string): name is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new Error(`--port must be an integer between 0 and 65535, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * Parses `zixflow-simulator` arguments (without `node` and the script path). Pure: the environment is
 * passed in. Accepts `--flag value` and `--flag=value`; empty env values count as unset.
 * @throws Error with a user-facing message for unknown flags, missing values or a bad port.
 */
export function parseSimulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): SimulatorCliCommand {
  const values: Partial<Record<ValueFlag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      return { help: true };
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!isValueFlag(name)) {
      throw new Error(`Unknown argument ${JSON.stringify(arg)}`);
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new Error(`${name} needs a value`);
      }
      i++;
    }
    if (value === '') {
      throw new Error(`${name} needs a value`);
    }
    values[name] = value;
  }
  return {
    help: false,
    port: values['--port'] === undefined ? DEFAULT_SIMULATOR_CLI_PORT : parsePort(values['--port']),
    host: values['--host'] ?? DEFAULT_SIMULATOR_HOST,
    apiKey: values['--api-key'] ?? (env.ZIXFLOW_API_KEY || DEFAULT_SIMULATOR_API_KEY),
    workspaceId: values['--workspace-id'] ?? (env.ZIXFLOW_WORKSPACE_ID || DEFAULT_SIMULATOR_WORKSPACE_ID),
  };
}
