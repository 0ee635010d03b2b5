// The push queue across processes: a fair (first come, first served) lock per key in Redis,
// for backends where several processes push for the same operator. Within a process the
// in-process queue still orders the calls; only the task at its head takes part in Redis.
//
// Per key, a Redis list holds the waiters' ids in arrival order; the head runs. Every
// waiter keeps an "alive" key with a lease it renews, so a crashed process loses its
// place once its lease runs out instead of blocking everyone. A finishing holder pushes a
// token onto the next waiter's "wake" list, which that waiter BLPOPs on. Keys carry a hash
// tag ({key}) so one key's data stays in one slot; the scripts assume a single Redis
// server (no cluster), since they touch keys derived from list entries.
import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import { InProcessQueue, PushQueueError, type PushQueue } from './queue.js'

/** Where the queue keeps its locks (a `url` or a `redis` client), and how long it waits. */
export interface RedisPushQueueOptions {
  /** A redis:// URL; the queue opens its own connections and closes them in close(). */
  url?: string
  /** Or an ioredis client you own; the queue duplicates it for blocking waits and leaves it open. */
  redis?: Redis
  /**
   * Prefix of every key; processes that must not overlap share it.
   * @default 'oicp:push'
   */
  prefix?: string
  /**
   * How long a waiter or holder counts as alive without renewing its lease.
   * @default 30_000
   */
  leaseMs?: number
  /**
   * How long a call may wait for its turn before failing with PushQueueError.
   * @default 300_000 (5 minutes)
   */
  waitTimeoutMs?: number
}

// KEYS[1] queue list; ARGV: id, alive prefix, lease ms
const ENQUEUE = `
redis.call('SET', ARGV[2] .. ARGV[1], '1', 'PX', ARGV[3])
redis.call('RPUSH', KEYS[1], ARGV[1])
return 1`

// KEYS[1] queue list; ARGV: id, alive prefix, wake prefix, lease ms.
// 1: our turn; 0: wait; -1: we are no longer queued (our lease ran out).
const ACQUIRE = `
for _ = 1, 1000 do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then return -1 end
  if head == ARGV[1] then return 1 end
  if redis.call('EXISTS', ARGV[2] .. head) == 1 then return 0 end
  redis.call('LPOP', KEYS[1])
  local next = redis.call('LINDEX', KEYS[1], 0)
  if next and next ~= ARGV[1] then
    redis.call('RPUSH', ARGV[3] .. next, '1')
    redis.call('PEXPIRE', ARGV[3] .. next, ARGV[4])
  end
end
return 0`

// KEYS[1] queue list; ARGV: id, alive prefix, wake prefix, lease ms
const RELEASE = `
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('DEL', ARGV[2] .. ARGV[1], ARGV[3] .. ARGV[1])
local head = redis.call('LINDEX', KEYS[1], 0)
if head then
  redis.call('RPUSH', ARGV[3] .. head, '1')
  redis.call('PEXPIRE', ARGV[3] .. head, ARGV[4])
end
return 1`

type Scripted = Redis & {
  oicpEnqueue(queue: string, id: string, alive: string, leaseMs: number): Promise<number>
  oicpAcquire(queue: string, id: string, alive: string, wake: string, leaseMs: number): Promise<number>
  oicpRelease(queue: string, id: string, alive: string, wake: string, leaseMs: number): Promise<number>
}

/**
 * The push queue across processes: data pushes of one operation run one at a time, in
 * arrival order, in every process that uses the same Redis and prefix. Needs ioredis.
 * @example
 * ```ts
 * const queue = new RedisPushQueue({ url: 'redis://127.0.0.1:6379', waitTimeoutMs: 60_000 })
 * const cpo = createCpoClient({ baseUrl: HUBJECT_QA, tls, operatorId: 'DE*ABC', queue })
 * // ...
 * await queue.close() // the queue's Redis connections keep the process alive until then
 * ```
 */
export class RedisPushQueue implements PushQueue {
  private readonly local = new InProcessQueue()
  private readonly prefix: string
  private readonly leaseMs: number
  private readonly waitTimeoutMs: number
  private main?: Promise<Scripted>
  /** One blocking connection per key: BLPOP holds its connection while it waits. */
  private readonly blockers = new Map<string, Redis>()
  private readonly owner = `${hostname()}:${process.pid}`
  private closed = false

  constructor(private readonly options: RedisPushQueueOptions) {
    if (!options.url && !options.redis) throw new TypeError('RedisPushQueue needs a url or a redis client')
    this.prefix = options.prefix ?? 'oicp:push'
    this.leaseMs = options.leaseMs ?? 30_000
    this.waitTimeoutMs = options.waitTimeoutMs ?? 300_000
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PushQueueError('the Redis push queue is closed', key))
    return this.local.run(key, () => this.locked(key, task))
  }

  private connection(): Promise<Scripted> {
    this.main ??= (async () => {
      let redis: Redis
      if (this.options.redis) redis = this.options.redis
      else {
        const { Redis } = await loadIoredis()
        redis = new Redis(this.options.url!, { maxRetriesPerRequest: 3, lazyConnect: false })
      }
      redis.defineCommand('oicpEnqueue', { numberOfKeys: 1, lua: ENQUEUE })
      redis.defineCommand('oicpAcquire', { numberOfKeys: 1, lua: ACQUIRE })
      redis.defineCommand('oicpRelease', { numberOfKeys: 1, lua: RELEASE })
      return redis as Scripted
    })()
    return this.main
  }

  private blocker(key: string, main: Redis): Redis {
    let b = this.blockers.get(key)
    if (!b) {
      b = main.duplicate()
      this.blockers.set(key, b)
    }
    return b
  }

  private async locked<T>(key: string, task: () => Promise<T>): Promise<T> {
    let redis: Scripted
    try {
      redis = await this.connection()
    } catch (e) {
      throw new PushQueueError(`cannot connect to Redis for the push queue: ${(e as Error).message}`, key, { cause: e })
    }
    const base = `${this.prefix}:{${key}}`
    const queue = `${base}:queue`
    const alive = `${base}:alive:`
    const wake = `${base}:wake:`
    const id = `${this.owner}:${crypto.randomUUID()}`
    const lease = String(this.leaseMs)
    const renew = setInterval(
      () => void redis.pexpire(alive + id, this.leaseMs).catch(() => undefined),
      Math.max(50, Math.floor(this.leaseMs / 3)),
    )
    renew.unref()
    try {
      await this.waitTurn(key, redis, queue, id, alive, wake, lease)
      return await task()
    } finally {
      clearInterval(renew)
      // A failed release must not turn a sent push into a failure; the lease frees the turn.
      await redis
        .oicpRelease(queue, id, alive, wake, this.leaseMs)
        .catch((e: Error) => process.emitWarning(`oicp: releasing the Redis push lock for ${key} failed: ${e.message}`))
    }
  }

  private async waitTurn(
    key: string,
    redis: Scripted,
    queue: string,
    id: string,
    alive: string,
    wake: string,
    lease: string,
  ): Promise<void> {
    const deadline = Date.now() + this.waitTimeoutMs
    try {
      await redis.oicpEnqueue(queue, id, alive, this.leaseMs)
      // Bounded by the deadline; each round waits at most a second for a wake-up token.
      for (;;) {
        const turn = await redis.oicpAcquire(queue, id, alive, wake, Number(lease))
        if (turn === 1) return
        if (turn === -1) await redis.oicpEnqueue(queue, id, alive, this.leaseMs)
        const left = deadline - Date.now()
        if (left <= 0)
          throw new PushQueueError(`waited ${this.waitTimeoutMs} ms for the Redis push lock of ${key}`, key)
        await this.blocker(key, redis).blpop(wake + id, Math.max(0.01, Math.min(1, left / 1000)))
      }
    } catch (e) {
      await redis.lrem(queue, 1, id).catch(() => undefined)
      if (e instanceof PushQueueError) throw e
      throw new PushQueueError(`Redis push queue failed for ${key}: ${(e as Error).message}`, key, { cause: e })
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const blockers = [...this.blockers.values()]
    this.blockers.clear()
    for (const b of blockers) b.disconnect()
    if (this.main && !this.options.redis) {
      const redis = await this.main.catch(() => undefined)
      await redis?.quit().catch(() => undefined)
    }
  }
}

/**
 * A push queue shared by every process that uses the same Redis and prefix (RedisPushQueue).
 * @example
 * ```ts
 * const queue = redisPushQueue({ url: 'redis://127.0.0.1:6379' })
 * const emp = createEmpClient({ baseUrl: HUBJECT_QA, tls, providerId: 'DE-8EO', queue })
 * ```
 */
export function redisPushQueue(options: RedisPushQueueOptions): RedisPushQueue {
  return new RedisPushQueue(options)
}

/**
 * ioredis is an optional peer dependency, loaded on first use: importing the client stays cheap
 * and needs no Redis client. The name is a variable so that bundlers leave the import alone.
 */
async function loadIoredis(): Promise<typeof import('ioredis')> {
  const name = 'ioredis'
  try {
    return (await import(name)) as typeof import('ioredis')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new PushQueueError(
        'redisPushQueue({ url }) needs the ioredis package: npm install ioredis (or pass a connected client as { redis })',
        '',
      )
    throw e
  }
}
