import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZixflowModule } from '../lib';
import { NotificationsService } from './notifications.service';

/** A minimal app: ZixflowModule configured for the simulator whose URL main.ts passes in. */
@Module({})
export class AppModule {
  static forSimulator(baseUrl: string, apiKey: string, workspaceId: string) {
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({
          apiKey,
          workspaceId,
          baseUrl,
          defaults: { senderId: 'ZIXFLW', route: 'transactional' },
        }),
      ],
      providers: [NotificationsService],
    };
  }
}
