// npm run demo: the CPO and EMP backends `oicp init` writes, run against each other through
// the hub over mutual TLS, from source; a whole session down to the CDR.
import { spawnSync } from 'node:child_process'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

test('the init backends of both roles run a whole session through the hub (npm run demo)', () => {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/demo.ts'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 150_000,
  })
  assert.is(r.status, 0, r.stdout + r.stderr)
  const out = r.stdout
  for (const line of [
    '[cpo]  pushed EVSE status: all Available',
    '[emp]  pulled EVSE data: 2 EVSEs',
    '[cpo]  remote start at DE*ABC*E1001 for DE-8EO',
    '[emp]  notification Start',
    '[cpo]  CDR sent',
    '[emp]  CDR received',
    '[demo] a full charging session went through CPO, hub and EMP',
  ])
    assert.ok(out.includes(line), `missing "${line}" in:\n${out}`)
})

test.run()
