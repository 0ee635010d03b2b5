// A small EMP backend on the generated package only: it pulls EVSE data and status from
// the hub, starts and stops a session remotely, and receives the session's notifications
// and CDR on its own server (mutual TLS). It exits 0 once the CDR has arrived.
//
// Settings (environment): HUB_URL (https://.../api/oicp), CERTS (folder of `oicp certs`:
// ca.pem, emp.pem, emp-key.pem, server.pem, server-key.pem), PORT (default 9002),
// PROVIDER_ID (default DE-8EO), EVCO_ID (the driver's contract, default DE-8EO-C12345678-X),
// CHARGE_MS (how long to charge, default 1500).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createEmpClient, eachRecord, empRoutes, type EmpHandlers, type eRoamingChargeDetailRecord } from 'oicp/2.3'
import { createServerCore, mount } from 'oicp/runtime'
import { createMtlsServer } from 'oicp/server/node'

const certs = process.env.CERTS ?? 'certs'
const pem = (file: string) => readFileSync(join(certs, file), 'utf8')
const providerId = process.env.PROVIDER_ID ?? 'DE-8EO'
const evcoId = process.env.EVCO_ID ?? 'DE-8EO-C12345678-X'
const log = (text: string) => console.log(text)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const emp = createEmpClient({ baseUrl: process.env.HUB_URL ?? 'https://127.0.0.1:8443/api/oicp', tls: { cert: pem('emp.pem'), key: pem('emp-key.pem'), ca: pem('ca.pem') }, providerId })

let cdrArrived: (cdr: eRoamingChargeDetailRecord) => void
const cdr = new Promise<eRoamingChargeDetailRecord>((resolve) => (cdrArrived = resolve))
const ack = { Result: true, StatusCode: { Code: '000' } } as const
const handlers: EmpHandlers = {
  // Our customers' contracts start with our ProviderID; everything else is not ours.
  authorizeStart: async (request) => {
    const mine = JSON.stringify(request.Identification).includes(providerId)
    return { SessionID: request.SessionID, ProviderID: providerId, AuthorizationStatus: mine ? 'Authorized' : 'NotAuthorized', StatusCode: { Code: mine ? '000' : '210' } }
  },
  authorizeStop: async (request) => ({ SessionID: request.SessionID, ProviderID: providerId, AuthorizationStatus: 'Authorized', StatusCode: { Code: '000' } }),
  chargingNotifications: async (n) => {
    log(`notification ${n.Type} for session ${n.SessionID} at ${n.EvseID}`)
    return ack
  },
  chargeDetailRecord: async (record) => {
    log(`CDR received for session ${record.SessionID}: ${record.ConsumedEnergy} kWh at ${record.EvseID}, ${record.ChargingStart} to ${record.ChargingEnd}`)
    cdrArrived(record)
    return { ...ack, SessionID: record.SessionID }
  },
}

const server = createMtlsServer(createServerCore(mount(empRoutes, handlers)), { cert: pem('server.pem'), key: pem('server-key.pem'), ca: pem('ca.pem') })
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 9002), '127.0.0.1', resolve))
log(`EMP ${providerId} receiving notifications and CDRs on https://127.0.0.1:${process.env.PORT ?? 9002}/api/oicp`)

try {
  // Wait for some EVSE data, then walk all of it page by page.
  let evses: string[] = []
  for (let attempt = 0; evses.length === 0; attempt++) {
    if (attempt > 0) await sleep(300)
    if (attempt > 50) throw new Error('no EVSE data on the hub after 15 s')
    evses = []
    for await (const r of eachRecord(emp.pullEvseDataPages({ ProviderID: providerId, GeoCoordinatesResponseFormat: 'DecimalDegree' }, { size: 2 }))) evses.push(r.EvseID)
  }
  log(`pulled EVSE data: ${evses.length} EVSEs (${evses.join(', ')})`)
  const status = await emp.pullEvseStatusById({ ProviderID: providerId, EvseID: evses })
  const free = status.EVSEStatusRecords.EvseStatusRecord.find((r) => r.EvseStatus === 'Available')
  log(`pulled EVSE status: ${status.EVSEStatusRecords.EvseStatusRecord.map((r) => `${r.EvseID} ${r.EvseStatus}`).join(', ')}`)
  if (!free) throw new Error('no Available EVSE to charge at')

  const started = await emp.authorizeRemoteStart({ ProviderID: providerId, EvseID: free.EvseID, Identification: { RemoteIdentification: { EvcoID: evcoId } } })
  log(`remote start accepted at ${free.EvseID}: session ${started.SessionID}`)
  await sleep(Number(process.env.CHARGE_MS ?? 1500))
  const during = await emp.pullEvseStatusById({ ProviderID: providerId, EvseID: [free.EvseID] })
  log(`status while charging: ${during.EVSEStatusRecords.EvseStatusRecord[0]!.EvseStatus}`)
  await emp.authorizeRemoteStop({ ProviderID: providerId, EvseID: free.EvseID, SessionID: started.SessionID! })
  log(`remote stop accepted for session ${started.SessionID}`)

  const record = await Promise.race([cdr, sleep(15_000).then(() => Promise.reject(new Error('no CDR within 15 s')))])
  if (record.SessionID !== started.SessionID) throw new Error(`CDR for another session: ${record.SessionID}`)
  log('session complete')
  process.exitCode = 0
} catch (e) {
  console.error(`EMP failed: ${(e as Error).message}`)
  process.exitCode = 1
} finally {
  // Let the acknowledgement of the CDR reach the hub before the server goes.
  await sleep(200)
  server.close()
  server.closeIdleConnections()
  await emp.core.close()
}
