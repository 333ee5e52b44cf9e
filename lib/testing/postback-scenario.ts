import type { PostbackScenario, PostbackStatusStep } from './interfaces/postback-scenario.interface';

/** A scenario with every default filled in and every value checked. */
export interface ResolvedPostbackScenario {
  steps: ReadonlyArray<Required<PostbackStatusStep>>;
  delayMs: number;
  duplicates: number;
  reorder: boolean;
  channel: string;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`PostbackScenario.${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** Fills in defaults and rejects nonsense early, so a typo fails the test that made it, not a later one. */
export function resolvePostbackScenario(scenario: PostbackScenario = {}): ResolvedPostbackScenario {
  const steps = (scenario.statuses ?? ['delivered']).map((entry, index) => {
    const step = typeof entry === 'string' ? { status: entry } : entry;
    if (typeof step.status !== 'string' || step.status === '') {
      throw new TypeError(`PostbackScenario.statuses[${index}] needs a non-empty status`);
    }
    return { status: step.status, remark: step.remark ?? '' };
  });
  const channel = scenario.channel ?? 'sms';
  if (channel === '') {
    throw new TypeError('PostbackScenario.channel must not be empty');
  }
  return {
    steps,
    delayMs: nonNegativeInteger('delayMs', scenario.delayMs ?? 10),
    duplicates: nonNegativeInteger('duplicates', scenario.duplicates ?? 0),
    reorder: scenario.reorder ?? false,
    channel,
  };
}
