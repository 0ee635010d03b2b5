// One of the processes of the cross-process queue test. It gets the hub, the certificates
// and Redis from its parent over IPC, says it is ready, and on "go" makes `calls`
// concurrent PushEvseStatus calls numbered worker * 1000 + i, then reports and exits.
import { createCpoClient } from '../../generated/oicp-2.3/index.js'
import { redisPushQueue, type PushQueue } from '../../runtime/index.js'
import { statusPush } from './client-fixtures.js'

interface Setup {
  worker: number
  calls: number
  baseUrl: string
  redisUrl?: string
  tls: { cert: string; key: string; ca: string }
}

const setup = await new Promise<Setup>((resolve) => process.once('message', (m) => resolve(m as Setup)))
const queue: PushQueue | undefined = setup.redisUrl
  ? redisPushQueue({ url: setup.redisUrl, prefix: 'oicp:test' })
  : undefined
const cpo = createCpoClient({
  baseUrl: setup.baseUrl,
  tls: setup.tls,
  operatorId: 'DE*ABC',
  retry: false,
  ...(queue ? { queue } : {}),
})
process.send!({ ready: true })
await new Promise<void>((resolve) => process.once('message', () => resolve()))
const results = await Promise.allSettled(
  Array.from({ length: setup.calls }, (_, i) => cpo.pushEvseStatus(statusPush(setup.worker * 1000 + i))),
)
const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))
await cpo.close()
await queue?.close()
process.send!({ done: true, failures }, () => process.exit(0))
