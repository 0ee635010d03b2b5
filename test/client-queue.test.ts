// Data pushes never overlap: 100 concurrent PushEvseStatus calls reach a real mTLS hub one
// at a time and in call order; with Redis, the same holds for 4 processes together. Each
// guarantee is shown next to its absence (pulls, and processes without Redis, do overlap),
// so the check could fail.
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { InProcessQueue, PushQueueError, redisPushQueue } from '../runtime/index.js'
import { clientCerts } from './support/client-certs.js'
import { cpoFor, empFor, PREFIX, sample, statusPush, statusPushNumber } from './support/client-fixtures.js'
import { ACK, TestHub } from './support/client-hub.js'
import { startRedis, type RunningRedis } from './support/client-redis.js'

let hub: TestHub
let started: Promise<RunningRedis> | undefined
/** Started inside the tests that use it: a failure in a before hook would not fail the run. */
const redis = () => (started ??= startRedis())
test.before(async () => {
  hub = await TestHub.start()
})
test.after(async () => {
  await hub.close()
  await (await started?.catch(() => undefined))?.stop()
})
test.before.each(() => hub.reset())

/** A hub that takes a few milliseconds per request, so overlapping calls would be seen. */
const slow = (ms: number) => () => ({ body: ACK, delayMs: ms })

test('100 concurrent PushEvseStatus calls reach the hub one at a time, in call order', async () => {
  hub.handler = slow(3)
  const cpo = cpoFor(hub, { connections: 16 })
  try {
    const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => cpo.pushEvseStatus(statusPush(i))))
    assert.is(acks.length, 100)
    assert.is(hub.requests.length, 100)
    assert.is(hub.maxConcurrent, 1, 'never two pushes in flight')
    assert.equal(
      hub.requests.map((r) => statusPushNumber(r.body)),
      Array.from({ length: 100 }, (_, i) => i),
    )
  } finally {
    await cpo.close()
  }
})

test('the same client runs pulls side by side (the check above can see overlap)', async () => {
  hub.handler = () => ({ body: { EvseStatuses: { OperatorEvseStatus: [] }, StatusCode: { Code: '000' } }, delayMs: 20 })
  const emp = empFor(hub, { connections: 16 })
  try {
    await Promise.all(Array.from({ length: 20 }, () => emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)))
    assert.ok(hub.maxConcurrent > 1, `pulls overlapped (max ${hub.maxConcurrent})`)
  } finally {
    await emp.close()
  }
})

test('a failed push does not stop the ones queued behind it', async () => {
  hub.handler = (seen) =>
    statusPushNumber(seen.body) === 1
      ? { body: { Result: false, StatusCode: { Code: '022' } } }
      : { body: ACK, delayMs: 2 }
  const cpo = cpoFor(hub)
  try {
    const results = await Promise.allSettled([0, 1, 2, 3].map((i) => cpo.pushEvseStatus(statusPush(i))))
    assert.equal(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    )
    assert.equal(
      hub.requests.map((r) => statusPushNumber(r.body)),
      [0, 1, 2, 3],
    )
  } finally {
    await cpo.close()
  }
})

test('the in-process queue forgets keys once drained', async () => {
  const queue = new InProcessQueue()
  await Promise.all([1, 2, 3].map((i) => queue.run('k', async () => i)))
  await new Promise((r) => setImmediate(r))
  assert.is(queue.activeKeys, 0)
})

/** The promise, or a rejection naming `what` after `ms`; the timer never outlives it. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)),
      ),
    ])
  } finally {
    clearTimeout(timer)
  }
}

async function runWorkers(count: number, calls: number, redisUrl: string | undefined): Promise<string[]> {
  const certs = clientCerts()
  const children: ChildProcess[] = []
  const failures: string[] = []
  try {
    for (let w = 1; w <= count; w++) {
      const child = fork(new URL('./support/client-redis-worker.ts', import.meta.url), [], {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      children.push(child)
      child.send({
        worker: w,
        calls,
        baseUrl: hub.origin + PREFIX,
        redisUrl,
        tls: { cert: certs.cpo.cert, key: certs.cpo.key, ca: certs.ca },
      })
    }
    await within(30_000, 'starting the workers', Promise.all(children.map((c) => once(c, 'message'))))
    // Everyone starts at once, so without a shared lock the processes would overlap.
    const done = children.map((c) =>
      once(c, 'message').then(([m]) => failures.push(...(m as { failures: string[] }).failures)),
    )
    for (const c of children) c.send('go')
    await within(60_000, "the workers' pushes", Promise.all(done))
    await within(
      10_000,
      "the workers' exit",
      Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : Promise.resolve()))),
    )
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill()
  }
  return failures
}

function perWorkerOrder(): Map<number, number[]> {
  const byWorker = new Map<number, number[]>()
  for (const r of hub.requests) {
    const n = statusPushNumber(r.body)
    const w = Math.floor(n / 1000)
    byWorker.set(w, [...(byWorker.get(w) ?? []), n % 1000])
  }
  return byWorker
}

test('4 processes sharing Redis: 100 PushEvseStatus calls one at a time, each process in call order', async () => {
  hub.handler = slow(4)
  const failures = await runWorkers(4, 25, (await redis()).url)
  assert.equal(failures, [])
  assert.is(hub.requests.length, 100)
  assert.is(hub.maxConcurrent, 1, 'never two pushes in flight across the processes')
  const order = perWorkerOrder()
  assert.is(order.size, 4)
  for (const [w, seq] of order)
    assert.equal(
      seq,
      Array.from({ length: 25 }, (_, i) => i),
      `worker ${w} in call order`,
    )
  // Processes took turns rather than one running all its calls first.
  const workers = hub.requests.map((r) => Math.floor(statusPushNumber(r.body) / 1000))
  assert.ok(
    workers.some((w, i) => i > 0 && w !== workers[i - 1] && workers.slice(i).includes(workers[i - 1]!)),
    'turns interleave',
  )
})

test('without Redis the 4 processes do overlap (the check above can fail)', async () => {
  hub.handler = slow(4)
  const failures = await runWorkers(4, 25, undefined)
  assert.equal(failures, [])
  assert.is(hub.requests.length, 100)
  assert.ok(hub.maxConcurrent > 1, `processes overlapped (max ${hub.maxConcurrent})`)
})

test('Redis queue: a waiter takes over from a holder that stopped renewing its lease, and gives up after waitTimeoutMs', async () => {
  const { url } = await redis()
  const { Redis } = await import('ioredis')
  const raw = new Redis(url)
  const queue = redisPushQueue({ url, prefix: 'oicp:lease', leaseMs: 300, waitTimeoutMs: 5_000 })
  const impatient = redisPushQueue({ url, prefix: 'oicp:lease', waitTimeoutMs: 200 })
  try {
    // A crashed process: its id heads the list and its lease runs out in 250 ms.
    await raw.rpush('oicp:lease:{op}:queue', 'ghost')
    await raw.set('oicp:lease:{op}:alive:ghost', '1', 'PX', 250)
    const t = performance.now()
    assert.is(await queue.run('op', async () => 'ran'), 'ran')
    const waited = performance.now() - t
    assert.ok(waited >= 200 && waited < 2_000, `waited for the lease to run out (${waited.toFixed(0)} ms)`)

    await raw.rpush('oicp:lease:{op2}:queue', 'ghost')
    await raw.set('oicp:lease:{op2}:alive:ghost', '1', 'PX', 60_000)
    const e = await impatient
      .run('op2', async () => 'ran')
      .then(
        () => assert.unreachable('should time out'),
        (err: unknown) => err,
      )
    assert.instance(e, PushQueueError)
    assert.equal(await raw.lrange('oicp:lease:{op2}:queue', 0, -1), ['ghost'], 'the waiter left the list')
  } finally {
    await queue.close()
    await impatient.close()
    raw.disconnect()
  }
})

test.run()
