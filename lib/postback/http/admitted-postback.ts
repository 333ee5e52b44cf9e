import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import type { PostbackProcessor } from '../processing/postback.processor';

/** A request ZixflowPostbackGuard admitted: its event, and who processes it (per app, never global). */
export class AdmittedPostback {
  /** Set when processing starts, so the handler wrapper and a hand-applied interceptor never both run it. */
  claimed = false;

  constructor(
    readonly event: ZixflowPostbackEvent,
    /** The processor of the app whose guard admitted it: each app has its own store and listeners. */
    readonly processor: PostbackProcessor,
    /** When the send was signed, from its verified token (whole seconds); for telemetry only. */
    readonly sentAtMs?: number,
  ) {}
}
