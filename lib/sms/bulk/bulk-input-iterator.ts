/** What `sendMany` / `streamMany` accept: any sync or async iterable, consumed lazily. */
export type BulkInput<I> = Iterable<I> | AsyncIterable<I>;

/** The async iterator if there is one (a generator may be both), else the sync one. */
export function openBulkInput<I>(inputs: BulkInput<I>): Iterator<I> | AsyncIterator<I> {
  const source = inputs as Partial<AsyncIterable<I> & Iterable<I>> | null | undefined;
  const openAsync = source?.[Symbol.asyncIterator];
  if (typeof openAsync === 'function') return openAsync.call(source);
  const openSync = source?.[Symbol.iterator];
  if (typeof openSync === 'function') return openSync.call(source);
  throw new TypeError('sendMany/streamMany: inputs must be an iterable or an async iterable');
}
