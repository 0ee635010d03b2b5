// A local Hubject stand-in: `startHub(options)` serves the hub side of every OICP 2.3
// operation; `oicp hub` runs it from the command line.
export { startHub, type HubOptions, type RunningHub } from './hub.js'
export { loadHubConfig, Partners, type HubFileConfig, type PartnerConfig } from './partners.js'
export type { HubEvent } from './context.js'
export type { SimulatorOptions } from './simulator.js'
export type { HubStore, Session, SessionState } from './store.js'
export { HubStorageError, type StorageProblem } from './storage/errors.js'
export type { ReadView } from './storage/views.js'
