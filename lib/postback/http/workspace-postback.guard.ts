import { Inject, Injectable, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { getPostbackGuardToken } from '../../workspace/zixflow-workspace.tokens';
import type { ZixflowPostbackGuard } from './zixflow-postback.guard';

const guards = new Map<string, Type<CanActivate>>();

/**
 * The guard `@ZixflowPostback({ workspace })` puts on a route: a class per name (Nest builds guards in the
 * controller's module, by class), which hands each request to that instance's ZixflowPostbackGuard, the only
 * one there that holds the instance's secret, workspace id and processor.
 */
export function workspacePostbackGuard(workspace: string): Type<CanActivate> {
  let guard = guards.get(workspace);
  if (guard === undefined) {
    @Injectable()
    class WorkspacePostbackGuard implements CanActivate {
      constructor(
        @Inject(getPostbackGuardToken(workspace)) private readonly instanceGuard: ZixflowPostbackGuard,
      ) {}

      canActivate(context: ExecutionContext): boolean {
        return this.instanceGuard.canActivate(context);
      }
    }
    // What Nest names when the instance is missing from the controller's module.
    Object.defineProperty(WorkspacePostbackGuard, 'name', { value: `ZixflowPostbackGuard_${workspace}` });
    guards.set(workspace, (guard = WorkspacePostbackGuard));
  }
  return guard;
}
