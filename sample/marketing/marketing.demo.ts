import type { INestApplication } from '@nestjs/common';
import { ZixflowSimulator } from '../../lib/testing';
import type { MarketingWorkspaceConfig } from './marketing.module';
import { MarketingService } from './marketing.service';

/** A second simulator: the marketing workspace's Zixflow, with its own key and workspace id. */
export async function startMarketingSimulator(): Promise<{
  simulator: ZixflowSimulator;
  config: MarketingWorkspaceConfig;
}> {
  const apiKey = 'sample-marketing-api-key';
  const workspaceId = 'sample-marketing-workspace';
  const simulator = await new ZixflowSimulator({ apiKey, workspaceId }).start();
  simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 50 });
  return { simulator, config: { zixflowUrl: simulator.url, apiKey, workspaceId } };
}

/** Sends through the 'marketing' workspace, shows it reached its own simulator, and waits for its postback. */
export async function runMarketingDemo(app: INestApplication, simulator: ZixflowSimulator): Promise<void> {
  const marketing = app.get(MarketingService);
  const result = await marketing.sendOffer('919876543210');
  const wire = simulator.sends[0];
  console.log(
    `Second workspace: its simulator saw x-workspace-id=${wire.headers['x-workspace-id']}, ` +
      `sender_id=${wire.body.sender_id}`,
  );
  const delivered = await marketing.waitUntilDelivered(result.requestId);
  console.log(`Second workspace: final status ${delivered.status} (via ${delivered.source})`);
}

/** GET /health, as an orchestrator would: Terminus' status, then each workspace's details on one line. */
export async function printHealth(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/health`);
  const body = (await response.json()) as { status: string; details: Record<string, unknown> };
  console.log(`GET /health -> ${response.status} ${body.status}`);
  for (const [key, details] of Object.entries(body.details)) {
    console.log(`  ${key}: ${JSON.stringify(details)}`);
  }
}
