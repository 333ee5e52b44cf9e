/** Failures counted per code over the last `windowMs`, in `buckets` steps. */
export interface SendFailureCounts {
  /** Length of the window, in ms. */
  windowMs: number;
  /** Failures per error code in the window; codes with none are absent. */
  byCode: Record<string, number>;
}

/**
 * Counts failures by code over a sliding window in fixed steps (a ring of buckets), so a burst of thousands
 * of failures costs a few counters rather than one timestamp each. A failure stays counted for at least
 * `windowMs` minus one step, at most `windowMs`.
 */
export class SendFailureWindow {
  private readonly stepMs: number;
  private readonly counts: Array<Map<string, number>>;
  /** Index of the step each bucket holds (its start divided by stepMs); -1 when empty. */
  private readonly steps: number[];

  constructor(
    private readonly windowMs: number,
    buckets: number,
    private readonly now: () => number = Date.now,
  ) {
    this.stepMs = Math.ceil(windowMs / buckets);
    this.counts = Array.from({ length: buckets }, () => new Map<string, number>());
    this.steps = new Array<number>(buckets).fill(-1);
  }

  record(code: string): void {
    const step = Math.floor(this.now() / this.stepMs);
    const index = step % this.counts.length;
    if (this.steps[index] !== step) {
      this.counts[index].clear();
      this.steps[index] = step;
    }
    const bucket = this.counts[index];
    bucket.set(code, (bucket.get(code) ?? 0) + 1);
  }

  snapshot(): SendFailureCounts {
    const current = Math.floor(this.now() / this.stepMs);
    const byCode: Record<string, number> = {};
    this.steps.forEach((step, index) => {
      if (step < 0 || current - step >= this.counts.length) return;
      for (const [code, count] of this.counts[index]) byCode[code] = (byCode[code] ?? 0) + count;
    });
    return { windowMs: this.windowMs, byCode };
  }
}
