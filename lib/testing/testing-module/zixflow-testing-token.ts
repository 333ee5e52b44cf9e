import { workspaceName } from '../../workspace/workspace-name';
import { ZixflowTesting } from './zixflow-testing.service';

/**
 * The injection token of the `ZixflowTesting` of `ZixflowTestingModule.forRoot({ name })`; the `ZixflowTesting`
 * class itself without a name (or with `'default'`). Pairs with `getSmsServiceToken(name)` in tests of an app with
 * several workspaces: `app.get(getZixflowTestingToken('marketing'))`.
 * @throws ZixflowConfigError when `name` is not a valid instance name.
 */
export function getZixflowTestingToken(name?: string): string | typeof ZixflowTesting {
  const workspace = workspaceName(name);
  return workspace === undefined ? ZixflowTesting : `ZixflowTesting_${workspace}`;
}
