import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_STORE } from '../zixflow.constants';
import { parsePostbackTimestamp } from '../postback/parsing/postback-timestamp.parser';
import { StoreFailureLog } from '../store/store-failure.log';
import type { ZixflowStatusRecord, ZixflowStore } from '../store/zixflow-store.interface';
import type { DeliveryReport } from './interfaces/delivery-report.interface';
import type { DeliveryStatusUpdate, WaitForStatusOptions } from './interfaces/wait-for-status.interface';
import { waitForDeliveryStatus } from './delivery-status.waiter';

type FetchReport = (requestId: string, signal?: AbortSignal) => Promise<DeliveryReport>;

/**
 * Reads delivery statuses from the store first (the latest postback any instance received) and from
 * Zixflow's delivery report otherwise. A failing store is logged and read around, never fatal: the report
 * always answers.
 */
@Injectable()
export class DeliveryStatusReader {
  constructor(
    @Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore,
    private readonly failures: StoreFailureLog,
  ) {}

  async latest(requestId: string, fetchReport: FetchReport): Promise<DeliveryStatusUpdate> {
    let stored: ZixflowStatusRecord | undefined;
    try {
      stored = await this.store.getStatus(requestId);
    } catch (error) {
      this.failures.record('read the latest status of a request', error);
    }
    if (stored !== undefined) return fromRecord(stored);
    return { ...(await fetchReport(requestId)), requestId, source: 'report' };
  }

  waitFor(
    requestId: string,
    options: WaitForStatusOptions,
    fetchReport: FetchReport,
  ): Promise<DeliveryStatusUpdate> {
    return waitForDeliveryStatus(requestId, options, {
      subscribe: (listener) => this.store.subscribe(listener),
      latest: () => this.store.getStatus(requestId),
      fetchReport,
      storeFailed: (operation, error) => this.failures.record(operation, error),
    });
  }
}

/** A stored status as the update `getStatus` and `waitForStatus` resolve with. */
export function fromRecord(record: ZixflowStatusRecord): DeliveryStatusUpdate {
  return {
    requestId: record.requestId,
    status: record.status,
    statusAt: record.statusAt,
    statusDate: parsePostbackTimestamp(record.statusAt),
    remark: record.remark,
    messageId: record.messageId,
    source: 'postback',
  };
}
