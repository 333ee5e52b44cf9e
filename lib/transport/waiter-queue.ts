import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';

/** A parked caller: resolved when its turn comes, or rejected when it gives up. */
export interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
}

interface Node {
  waiter: Waiter;
  prev: Node | undefined;
  next: Node | undefined;
  linked: boolean;
}

/** FIFO of waiters with O(1) push, shift and removal (an aborted waiter leaves from the middle). */
export class WaiterQueue {
  private head: Node | undefined;
  private tail: Node | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends and returns a function that removes this waiter if it is still queued (true if it was). */
  push(waiter: Waiter): () => boolean {
    const node: Node = { waiter, prev: this.tail, next: undefined, linked: true };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.count++;
    return () => this.unlink(node);
  }

  /**
   * Parks the caller until shift() serves it. If `signal` aborts first it leaves the queue and rejects with
   * ZixflowAbortedError('not_sent') (nothing was sent while queued), and `onLeave` runs.
   */
  wait(signal?: AbortSignal, onLeave?: () => void): Promise<void> {
    if (signal?.aborted) return Promise.reject(new ZixflowAbortedError('not_sent'));
    return new Promise<void>((resolve, reject) => {
      if (!signal) {
        this.push({ resolve, reject });
        return;
      }
      const onAbort = (): void => {
        if (!remove()) return;
        reject(new ZixflowAbortedError('not_sent'));
        onLeave?.();
      };
      const remove = this.push({
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  shift(): Waiter | undefined {
    const node = this.head;
    if (!node) return undefined;
    this.unlink(node);
    return node.waiter;
  }

  /** False when the node already left (served, or removed before): a late abort must not double-count. */
  private unlink(node: Node): boolean {
    if (!node.linked) return false;
    node.linked = false;
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = undefined;
    this.count--;
    return true;
  }
}
