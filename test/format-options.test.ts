// Hand-written code is formatted with the options the generator formats generated code with.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { PRETTIER } from '../generator/format.js'

test('.prettierrc.json holds the options of generator/format.ts', () => {
  assert.equal(JSON.parse(readFileSync('.prettierrc.json', 'utf8')), PRETTIER)
})

test.run()
