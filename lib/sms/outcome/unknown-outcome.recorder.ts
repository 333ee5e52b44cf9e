import { Inject, Injectable, Optional } from '@nestjs/common';
import { ZIXFLOW_STORE } from '../../zixflow.constants';
import { ZixflowEvent } from '../../events/zixflow-event';
import { ZixflowEventPublisher } from '../../events/zixflow-event.publisher';
import { SmsOutcomeResolvedEvent } from '../../events/sms-outcome-resolved.event';
import { StoreFailureLog } from '../../store/store-failure.log';
import type { ZixflowStore } from '../../store/zixflow-store.interface';
import { ZIXFLOW_WORKSPACE } from '../../workspace/zixflow-workspace.constants';

/**
 * Records a send that ended `outcome: 'unknown'` as pending in the store, so the first postback naming it,
 * on any instance, settles it (ZixflowEvent.SmsOutcomeResolved). When that postback already came, the
 * event is published here instead. Never delays nor fails the send: a store failure is only logged.
 */
@Injectable()
export class UnknownOutcomeRecorder {
  constructor(
    @Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore,
    private readonly events: ZixflowEventPublisher,
    private readonly failures: StoreFailureLog,
    @Optional() @Inject(ZIXFLOW_WORKSPACE) private readonly workspace?: string | null,
  ) {}

  record(sendId: string): void {
    let settled: ReturnType<ZixflowStore['markPending']>;
    try {
      settled = this.store.markPending(sendId);
    } catch (error) {
      return this.failures.record('record a send of unknown outcome', error);
    }
    Promise.resolve(settled).then(
      (send) => {
        if (send === undefined) return;
        this.events.emit(
          ZixflowEvent.SmsOutcomeResolved,
          new SmsOutcomeResolvedEvent(send.sendId, send.requestId, send.status, this.workspace ?? undefined),
        );
      },
      (error: unknown) => this.failures.record('record a send of unknown outcome', error),
    );
  }
}
