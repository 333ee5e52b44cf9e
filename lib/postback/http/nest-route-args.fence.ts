import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ZixflowConfigError } from '../../errors/zixflow-config.error';

/** The way out named in the error, should a Nest release change what this module reads. */
const WAY_OUT = '@ZixflowPostback(path, { wrapHandler: false })';

/**
 * The one place that reads Nest's internal route-argument metadata: the record its parameter decorators
 * (`@Body()`, `@Req()`, createParamDecorator...) write under ROUTE_ARGS_METADATA on the controller class,
 * `{ "<type>:<index>": { index, data, pipes } }`. Returns the highest parameter position a decorator took
 * on `method`, or -1 when none did. Throws a ZixflowConfigError naming the way out when the record is not
 * that shape, so a Nest upgrade that changes it fails at startup instead of misplacing an argument.
 */
export function highestDecoratedParameterIndex(controller: object, method: string | symbol): number {
  const record: unknown = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method);
  if (record === undefined) return -1;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw changedShape();
  let highest = -1;
  for (const entry of Object.values(record)) {
    const index: unknown = (entry as { index?: unknown } | null)?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw changedShape();
    if (index > highest) highest = index;
  }
  return highest;
}

function changedShape(): ZixflowConfigError {
  return new ZixflowConfigError([
    `Nest's route argument metadata is not in the shape @ZixflowPostback() reads (a Nest upgrade?); use ${WAY_OUT} meanwhile`,
  ]);
}
