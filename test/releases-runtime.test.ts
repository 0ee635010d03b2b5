// OICP 2.2 and 2.3 at once, over real mutual TLS: one server mounts the Hubject side of
// both releases (EVSE data on v22 and v23 reach their own handlers; service versions
// both releases carry are mounted once), and one program holds a 2.2 and a 2.3 client.
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as oicp22 from '../generated/oicp-2.2/index.js'
import * as oicp23 from '../generated/oicp-2.3/index.js'
import { createServerCore, mount, type RouteTable } from '../runtime/index.js'
import { createMtlsServer } from '../runtime/server/adapters/node.js'
import { clientCerts, OPERATOR } from './support/client-certs.js'

const ACK = { Result: true, StatusCode: { Code: '000' } } as const
const calls: string[] = []

/** Handlers for every route of a table: each records which release and operation it served. */
function recording<H>(table: RouteTable<H>, release: string): H {
  return Object.fromEntries(
    table.routes.map((r) => [
      r.key,
      () => {
        calls.push(`${release} ${r.operation.id}`)
        return ACK
      },
    ]),
  ) as H
}

test('one server, two releases, two clients', async () => {
  const certs = clientCerts()
  const core = createServerCore([
    mount(oicp23.hubRoutes, recording(oicp23.hubRoutes, '2.3')),
    mount(oicp22.hubRoutes, recording(oicp22.hubRoutes, '2.2')),
  ])
  // A service version both releases carry is one route: the 2.1 status push is served once.
  assert.is(core.routes.filter((r) => r.operation.id === 'eRoamingPushEvseStatus_V2.1').length, 1)
  assert.ok(core.routes.some((r) => r.operation.id === 'eRoamingPushEvseData_V2.2'))
  assert.ok(core.routes.some((r) => r.operation.id === 'eRoamingPushEvseData_V2.3'))

  const server = createMtlsServer(core, { cert: certs.server.cert, key: certs.server.key, ca: certs.ca }).listen(
    0,
    '127.0.0.1',
  )
  await once(server, 'listening')
  try {
    const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/oicp`
    const tls = { cert: certs.cpo.cert, key: certs.cpo.key, ca: certs.ca }
    const cpo22 = oicp22.createCpoClient({ baseUrl, tls, operatorId: OPERATOR })
    const cpo23 = oicp23.createCpoClient({ baseUrl, tls, operatorId: OPERATOR })

    const push22 = JSON.parse(
      readFileSync('test/fixtures/oicp-2.2/pushEvseData.json', 'utf8'),
    ) as oicp22.eRoamingPushEvseData
    const record23: oicp23.EvseDataRecord = {
      EvseID: 'DE*ABC*E1',
      ChargingStationNames: [{ lang: 'en', value: 'Station 1' }],
      Address: { Country: 'DEU', City: 'Berlin', Street: 'Main Street', PostalCode: '10115', HouseNum: '1' },
      GeoCoordinates: { Google: { Coordinates: '52.520008 13.404954' } },
      Plugs: ['Type 2 Outlet'],
      ChargingFacilities: [{ PowerType: 'AC_3_PHASE', Power: 22 }],
      RenewableEnergy: true,
      CalibrationLawDataAvailability: 'Local',
      AuthenticationModes: ['REMOTE'],
      PaymentOptions: ['Contract'],
      ValueAddedServices: ['None'],
      Accessibility: 'Free publicly accessible',
      HotlinePhoneNumber: '+4930123456',
      IsOpen24Hours: true,
      IsHubjectCompatible: true,
      DynamicInfoAvailable: 'auto',
    }
    const status = {
      ActionType: 'update' as const,
      OperatorEvseStatus: {
        OperatorID: OPERATOR,
        EvseStatusRecord: [{ EvseID: 'DE*ABC*E1', EvseStatus: 'Available' as const }],
      },
    }

    assert.equal(
      await cpo22.pushEvseData({ ...push22, OperatorEvseData: { ...push22.OperatorEvseData, OperatorID: OPERATOR } }),
      ACK,
    )
    assert.equal(
      await cpo23.pushEvseData({
        ActionType: 'fullLoad',
        OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [record23] },
      }),
      ACK,
    )
    assert.equal(await cpo22.pushEvseStatus(status), ACK)
    assert.equal(await cpo23.pushEvseStatus(status), ACK)
    assert.equal(calls, [
      '2.2 eRoamingPushEvseData_V2.2',
      '2.3 eRoamingPushEvseData_V2.3',
      '2.3 eRoamingPushEvseStatus_V2.1',
      '2.3 eRoamingPushEvseStatus_V2.1',
    ])

    // Each client validates against its own release before sending: an authentication mode
    // new in 2.3 is valid there and unknown to 2.2.
    const free = { ...record23, AuthenticationModes: ['No Authentication Required' as const] }
    await cpo22
      .pushEvseData({
        ActionType: 'fullLoad',
        OperatorEvseData: { OperatorID: OPERATOR, EvseDataRecord: [free as never] },
      })
      .then(
        () => assert.unreachable('a 2.3-only value passed as 2.2'),
        (e: Error) => assert.match(e.message, /EvseDataRecord\/0\/AuthenticationModes\/0/),
      )
    assert.equal(
      await cpo23.pushEvseData({
        ActionType: 'fullLoad',
        OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [free] },
      }),
      ACK,
    )
    assert.equal(calls.slice(4), ['2.3 eRoamingPushEvseData_V2.3'], 'the refused 2.2 push was not sent')
  } finally {
    server.close()
  }
})

test.run()
