#!/usr/bin/env node
import { parseSimulatorArgs, SIMULATOR_USAGE, type SimulatorCliCommand } from './simulator-args';
import { ZixflowSimulator } from './zixflow-simulator';

async function main(): Promise<void> {
  let command: SimulatorCliCommand;
  try {
    command = parseSimulatorArgs(process.argv.slice(2), process.env);
  } catch (error: unknown) {
    console.error(`zixflow-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    console.error(SIMULATOR_USAGE);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    console.log(SIMULATOR_USAGE);
    return;
  }

  const simulator = new ZixflowSimulator({
    host: command.host,
    port: command.port,
    apiKey: command.apiKey,
    workspaceId: command.workspaceId,
    // Method, path and status only: never headers or bodies, which carry the API key and phone numbers.
    onRequest: (request) =>
      console.log(
        `${request.method} ${request.path} ${request.response ? request.response.status : 'dropped'}`,
      ),
  });
  await simulator.start();
  console.log(`Zixflow simulator listening on ${simulator.url} (workspace ${command.workspaceId})`);

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`Received ${signal}, stopping`);
    simulator.stop().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error('zixflow-simulator: failed to stop cleanly', error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`zixflow-simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
