import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_STORE } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { InMemoryZixflowStore } from './in-memory-zixflow.store';
import type { ZixflowStore } from './zixflow-store.interface';

/**
 * Closes the store at application shutdown: after `onModuleDestroy` and `beforeApplicationShutdown`, by which
 * time the sends in flight were drained (ZixflowHttpClient) and their last state written.
 */
@Injectable()
export class ZixflowStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }
}

/** The `store` option, or a per-process InMemoryZixflowStore, and what closes it. */
export const zixflowStoreProviders: Provider[] = [
  {
    provide: ZIXFLOW_STORE,
    useFactory: (options: ZixflowResolvedOptions): ZixflowStore =>
      options.store ?? new InMemoryZixflowStore(),
    inject: [ZIXFLOW_RESOLVED_OPTIONS],
  },
  ZixflowStoreCloser,
];
