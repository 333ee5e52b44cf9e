import { DLT_VARIABLE_PLACEHOLDER } from './dlt.constants';

/**
 * The literal pieces of a DLT body around its `{#var#}` placeholders: always one more piece than there are
 * variables, with empty pieces where a placeholder starts or ends the body or two placeholders touch.
 */
export function parseDltTemplateBody(body: string): string[] {
  return body.split(new RegExp(DLT_VARIABLE_PLACEHOLDER.source, 'gi'));
}
