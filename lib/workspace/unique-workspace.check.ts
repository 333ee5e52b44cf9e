import { ModulesContainer } from '@nestjs/core';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { ZIXFLOW_WORKSPACE } from './zixflow-workspace.constants';

/**
 * Refuses a second registration under the same name in this app. Nest would not: two modules exporting the
 * same token resolve to whichever it meets first, so one workspace would silently send with the other's
 * credentials. (Identical registrations are one module to Nest and never reach here twice.)
 */
export function assertUniqueWorkspace(modules: ModulesContainer, workspace: string): void {
  let registrations = 0;
  for (const module of modules.values()) {
    if (module.providers.get(ZIXFLOW_WORKSPACE)?.instance === workspace) registrations++;
  }
  if (registrations > 1) {
    throw new ZixflowConfigError([
      `name "${workspace}" is registered ${registrations} times: give each ZixflowModule instance its own name`,
    ]);
  }
}
