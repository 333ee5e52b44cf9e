import { EventEmitter2 } from '@nestjs/event-emitter';
import { ZixflowEventPublisher } from '../../../lib/events/zixflow-event.publisher';

describe('ZixflowEventPublisher.listens', () => {
  it('is true for every name with an EventEmitter2, listeners or not: emit would hand it the event', () => {
    const publisher = new ZixflowEventPublisher(new EventEmitter2());
    expect(publisher.listens('zixflow.queue.completed')).toBe(true);
  });

  it('without one, is true exactly while an in-process subscriber of that name exists', () => {
    const publisher = new ZixflowEventPublisher();
    const received: unknown[] = [];
    expect(publisher.listens('zixflow.queue.completed')).toBe(false);
    const stop = publisher.subscribe('zixflow.queue.completed', (payload) => received.push(payload));
    expect(publisher.listens('zixflow.queue.completed')).toBe(true);
    expect(publisher.listens('zixflow.queue.failed')).toBe(false);
    publisher.emit('zixflow.queue.completed', 1);
    stop();
    expect(publisher.listens('zixflow.queue.completed')).toBe(false);
    publisher.emit('zixflow.queue.completed', 2);
    expect(received).toEqual([1]);
  });
});
