import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { DELIVERY_DURATION_BUCKETS, METRIC, SEND_DURATION_BUCKETS } from './telemetry.constants';

// Kept apart from ZixflowTelemetry so that no published typing reaches @opentelemetry/api (an optional peer).

/** Our instruments on one meter. */
export interface ZixflowInstruments {
  sends: Counter;
  sendDuration: Histogram;
  segments: Counter;
  retries: Counter;
  postbacks: Counter;
  deliveryDuration: Histogram;
}

export function createInstruments(meter: Meter): ZixflowInstruments {
  return {
    sends: meter.createCounter(METRIC.sends, {
      unit: '{send}',
      description: 'SMS sends handed to Zixflow, by outcome (queued, not_sent, unknown) and error code',
    }),
    sendDuration: meter.createHistogram(METRIC.sendDuration, {
      unit: 's',
      description: 'Time a send took, retries and waits included, until queued or failed',
      advice: { explicitBucketBoundaries: SEND_DURATION_BUCKETS },
    }),
    segments: meter.createCounter(METRIC.segments, {
      unit: '{segment}',
      description: 'SMS parts (billed segments) of the messages Zixflow queued',
    }),
    retries: meter.createCounter(METRIC.retries, {
      unit: '{retry}',
      description: 'Send attempts retried, by the error code of the attempt that failed',
    }),
    postbacks: meter.createCounter(METRIC.postbacks, {
      unit: '{postback}',
      description:
        'Delivery postbacks received, by channel, status and result (accepted, duplicate, rejected, error)',
    }),
    deliveryDuration: meter.createHistogram(METRIC.deliveryDuration, {
      unit: 's',
      description:
        'Time from a send to its first final-status postback (whole-second send time, from the signed token)',
      advice: { explicitBucketBoundaries: DELIVERY_DURATION_BUCKETS },
    }),
  };
}
