// OICP: "data push operations MUST be processed sequentially". A push queue runs the tasks
// of one key (the operation) one after another, in the order they were handed in.

/** Keeps data pushes of one operation one at a time (OICP asks for sequential pushes). */
export interface PushQueue {
  /** Runs `task` once every task handed in earlier under `key` has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>
  /** Releases what the queue holds (connections); call it once no call is pending. */
  close(): Promise<void>
}

/** The queue could not be entered: waited too long, or its store (Redis) failed. */
export class PushQueueError extends Error {
  constructor(
    message: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'PushQueueError'
  }
}

/** The default: a promise chain per key inside this process. */
export class InProcessQueue implements PushQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve()
    const result = before.then(task)
    // A failed task must not stop the ones after it: the chain continues either way.
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(key, tail)
    // Forget the key once nothing waits behind this task, so keys do not accumulate.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }

  /** Number of keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size
  }

  async close(): Promise<void> {}
}
