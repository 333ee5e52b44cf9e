import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { DEFAULT_WORKSPACE_NAME, WORKSPACE_NAME_PATTERN } from './zixflow-workspace.constants';

/**
 * The instance a name designates: undefined for the unnamed one (no name, or `'default'`), else the name.
 * Checked when the module or decorator is built, since tokens are made from it.
 * @throws ZixflowConfigError naming `field` when the name is not a string matching WORKSPACE_NAME_PATTERN.
 */
export function workspaceName(name: unknown, field = 'name'): string | undefined {
  if (name === undefined || name === DEFAULT_WORKSPACE_NAME) return undefined;
  if (typeof name !== 'string' || !WORKSPACE_NAME_PATTERN.test(name)) {
    throw new ZixflowConfigError([
      `${field} must be 1 to 64 letters, digits, "_", "-" or "." starting with a letter or digit` +
        (typeof name === 'string' ? ` (got "${name.slice(0, 80)}")` : ` (got ${typeof name})`),
    ]);
  }
  return name;
}
