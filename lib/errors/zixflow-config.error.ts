import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** Module options are missing or malformed; thrown at boot. */
export class ZixflowConfigError extends ZixflowError {
  constructor(readonly problems: string[]) {
    super(ZixflowErrorCode.Config, `Invalid ZixflowModule options: ${problems.join('; ')}`);
  }
}
