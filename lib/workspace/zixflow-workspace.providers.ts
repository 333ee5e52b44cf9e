import type { Provider } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { SmsService } from '../sms/sms.service';
import { ZixflowHealthProbe } from '../health/zixflow-health.probe';
import { ZixflowPostbackGuard } from '../postback/http/zixflow-postback.guard';
import { assertUniqueWorkspace } from './unique-workspace.check';
import { ZIXFLOW_WORKSPACE } from './zixflow-workspace.constants';
import { getHealthProbeToken, getPostbackGuardToken, getSmsServiceToken } from './zixflow-workspace.tokens';

const UNIQUE_WORKSPACE_CHECK = 'ZIXFLOW_UNIQUE_WORKSPACE_CHECK';

/** The instance's name, and for a named one its aliases and the check that the name is not taken twice. */
export function zixflowWorkspaceProviders(workspace: string | undefined): Provider[] {
  const name: Provider = { provide: ZIXFLOW_WORKSPACE, useValue: workspace ?? null };
  if (workspace === undefined) return [name];
  return [
    name,
    { provide: getSmsServiceToken(workspace), useExisting: SmsService },
    { provide: getPostbackGuardToken(workspace), useExisting: ZixflowPostbackGuard },
    { provide: getHealthProbeToken(workspace), useExisting: ZixflowHealthProbe },
    {
      // Made while the app is built, so a duplicate fails NestFactory.create / compile(), like bad options do.
      provide: UNIQUE_WORKSPACE_CHECK,
      useFactory: (modules: ModulesContainer) => assertUniqueWorkspace(modules, workspace),
      inject: [ModulesContainer],
    },
  ];
}

/**
 * What a named instance exports: only tokens of its own, so it can sit beside the unnamed instance (or be
 * global beside others) without shadowing anything; its internal classes stay inside it.
 */
export function zixflowWorkspaceExports(workspace: string): string[] {
  // The health probe is not exported: ZixflowHealthIndicator finds it by token wherever it is.
  return [getSmsServiceToken(workspace) as string, getPostbackGuardToken(workspace)];
}
