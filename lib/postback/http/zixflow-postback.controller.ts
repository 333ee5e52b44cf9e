import { Controller, type Type } from '@nestjs/common';
import { ZixflowPostback } from './zixflow-postback.decorator';

/**
 * The controller ZixflowModule mounts for `postback.path` (forRoot) or `postbackPath` (forRootAsync).
 * A fresh class per module with the path given to its decorators at creation, so Nest reads ordinary
 * route metadata (nothing is patched afterwards). It does what a user's @ZixflowPostback() method does
 * with an empty handler: consumers listen to the events. `workspace`: the named instance it belongs to.
 */
export function createZixflowPostbackController(path: string, workspace?: string): Type<unknown> {
  @Controller()
  class ZixflowPostbackController {
    @ZixflowPostback({ path, workspace })
    receive(): void {
      // The guard checks, the wrapper of @ZixflowPostback() emits the events; Zixflow only needs the 200.
    }
  }
  return ZixflowPostbackController;
}
