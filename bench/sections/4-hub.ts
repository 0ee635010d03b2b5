// The hub (`oicp hub`) holding 100,000 EVSE records, in this process, over mutual TLS on
// loopback, called with the generated clients: a PullEvseData page of 2,000, a
// SearchCenter query, and a PushEvseStatus of 10,000 records; median wall time per call
// (request validation, hub work, answer validation, TLS and JSON both ways).
import { createCpoClient, createEmpClient } from '../../generated/oicp-2.3/index.js'
import { createDevCa } from '../../cli/certs.js'
import { startHub } from '../../hub/index.js'
import { fmt, median, table } from '../measure.js'
import { evseDataPush } from '../payloads.js'

const RECORDS = 100_000
const CHUNK = 10_000
const ROUNDS = 15

async function time(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await fn() // warm-up
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  return median(samples)
}

export default async function run(): Promise<void> {
  const ca = createDevCa('oicp bench CA')
  const server = ca.server(['127.0.0.1'])
  const cpoCert = ca.client('cpo')
  const empCert = ca.client('emp')
  const hub = await startHub({
    tls: { cert: server.cert, key: server.key, ca: ca.cert },
    partners: [
      { name: 'cpo', operatorIds: ['DE*ABC'], simulate: true },
      { name: 'emp', providerIds: ['DE*8EO'] },
    ],
  })
  const tls = (c: { cert: string; key: string }) => ({ ...c, ca: ca.cert })
  const cpo = createCpoClient({ baseUrl: hub.url, tls: tls(cpoCert), operatorId: 'DE*ABC', timeoutMs: 120_000 })
  const emp = createEmpClient({ baseUrl: hub.url, tls: tls(empCert), providerId: 'DE*8EO', timeoutMs: 120_000 })
  try {
    const all = evseDataPush(RECORDS).OperatorEvseData
    const loadStart = performance.now()
    for (let i = 0; i < RECORDS; i += CHUNK) {
      await cpo.pushEvseData({
        ActionType: i === 0 ? 'fullLoad' : 'insert',
        OperatorEvseData: { ...all, EvseDataRecord: all.EvseDataRecord.slice(i, i + CHUNK) as never },
      })
    }
    const loadMs = performance.now() - loadStart
    const ids = all.EvseDataRecord.map((r) => r.EvseID)
    const statuses = ['Available', 'Occupied'] as const
    let flip = 0
    const statusPush = () =>
      cpo.pushEvseStatus({
        ActionType: flip === 0 ? 'fullLoad' : 'update',
        OperatorEvseStatus: {
          OperatorID: 'DE*ABC',
          EvseStatusRecord: ids.slice(0, 10_000).map((EvseID) => ({ EvseID, EvseStatus: statuses[flip++ % 2]! })),
        },
      })

    let page = 0
    const pullPage = await time(async () => {
      const answer = await emp.pullEvseData(
        { ProviderID: 'DE*8EO', GeoCoordinatesResponseFormat: 'Google' },
        { page: page++ % 50, size: 2000 },
      )
      if (answer.content.length !== 2000) throw new Error(`bench: page of ${answer.content.length} records`)
    })
    let matches = 0
    const search = await time(async () => {
      const answer = await emp.pullEvseData(
        {
          ProviderID: 'DE*8EO',
          GeoCoordinatesResponseFormat: 'Google',
          SearchCenter: { GeoCoordinates: { Google: { Coordinates: '52.480000 13.356465' } }, Radius: 0.3 },
        },
        { size: 2000 },
      )
      matches = answer.totalElements
    })
    const push = await time(statusPush, 10)
    console.log(
      `\nHub holding ${RECORDS.toLocaleString('en')} EVSE records (loaded in ${(loadMs / 1000).toFixed(1)} s as ${RECORDS / CHUNK} pushes of ${CHUNK.toLocaleString('en')}), mutual TLS on loopback, generated clients, median of ${ROUNDS}`,
    )
    table(
      ['call', 'median'],
      [
        ['PullEvseData, one page of 2,000 records', fmt(pullPage)],
        [
          `PullEvseData with SearchCenter (radius 0.3 km: ${matches.toLocaleString('en')} matches, first 2,000 returned)`,
          fmt(search),
        ],
        ['PushEvseStatus, 10,000 records', fmt(push)],
      ],
    )
  } finally {
    await Promise.all([cpo.core.close(), emp.core.close()])
    await hub.close()
  }
}
