import type { Attributes } from '@opentelemetry/api';
import { ATTR } from './telemetry.constants';

/**
 * `attributes`, with `zixflow.workspace` added when a named instance (`forRoot({ name })`) records them; the
 * unnamed instance's spans and measurements carry no such attribute.
 */
export function withWorkspace(attributes: Attributes, workspace: string | undefined): Attributes {
  if (workspace !== undefined) attributes[ATTR.workspace] = workspace;
  return attributes;
}
