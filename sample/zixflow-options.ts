import type { ZixflowModuleOptions } from '../lib';

/** What the app's own (unnamed) Zixflow instance needs. */
export interface SampleZixflowConfig {
  /** Where Zixflow (here: the simulator) listens. */
  zixflowUrl: string;
  apiKey: string;
  workspaceId: string;
  /** This app's own public URL, which Zixflow posts delivery statuses to. */
  publicUrl: string;
}

/** The app's ZixflowModule options: the API app (AppModule) and the queue worker (QueueSampleModule) share them. */
export function sampleZixflowOptions(config: SampleZixflowConfig): ZixflowModuleOptions {
  return {
    apiKey: config.apiKey,
    workspaceId: config.workspaceId,
    baseUrl: config.zixflowUrl,
    defaults: { senderId: 'ZIXFLW', route: 'transactional' },
    postback: {
      publicUrl: `${config.publicUrl}/webhooks/zixflow`,
      secret: 'sample-postback-secret-0123456789',
    },
  };
}
