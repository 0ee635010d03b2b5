// The emitters of a release's schemas.ts and validators.ts alone, on a tiny release of two
// spec files: each gathers the modules of the spec files, which the generator writes under
// modules/ by the files' spec keys. UPDATE=1 rewrites the expected files (see
// test/support/emit-fixture.ts).
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { emitSchemasBarrel, emitValidatorsBarrel } from '../generator/emit/barrels.js'
import { planModules, specifier, type SpecModule } from '../generator/modules.js'
import { emitted, fixtureRelease, matchesExpected } from './support/emit-fixture.js'

const release = fixtureRelease('barrels')
const modules = planModules(release, 'src')
/** How the release folder src/oicp-0.1 imports a module, as `oicp generate` writes it. */
const importOf = (suffix: string) => (m: SpecModule) => specifier(join('src', 'oicp-0.1', 'x'), m.base, suffix)

test('one module per spec file, named by its spec key', () => {
  assert.equal(
    modules.map((m) => [m.key, m.base]),
    [
      ['oicp-0.1/service.yaml', 'src/modules/oicp-0.1/service'],
      ['oicp-0.1/types.yaml', 'src/modules/oicp-0.1/types'],
    ],
  )
})

test('schemas.ts re-exports every module', async () => {
  matchesExpected('barrels', 'schemas.ts', await emitted((f) => emitSchemasBarrel(f, modules, importOf('.schemas.js'))))
})

test('validators.ts merges the validators of every module', async () => {
  const text = await emitted((f) => emitValidatorsBarrel(f, modules, importOf('.validators.js')))
  matchesExpected('barrels', 'validators.ts', text)
})

test.run()
