/** What the test tells a replica process (REPLICA_CONFIG, JSON). */
export interface ReplicaConfig {
  port: number;
  apiKey: string;
  workspaceId: string;
  /** The simulator's URL. */
  baseUrl: string;
  /** Where the sends of this replica ask Zixflow to post their postbacks (may be another replica). */
  postbackPublicUrl: string;
  secret: string;
  redisUrl: string;
  prefix: string;
}

/** One postback a replica's handler ran for. */
export interface HandledPostback {
  requestId: string;
  status: string;
  stale: boolean;
  sendId: string | undefined;
  /** Date.now() when the handler ran. */
  at: number;
}
