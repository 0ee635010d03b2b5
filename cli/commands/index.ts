// Every command, in the order the overview lists them.
import type { Command } from '../command.js'
import certs from './certs.js'
import diff from './diff.js'
import generate from './generate.js'
import hub from './hub.js'
import init from './init.js'
import lint from './lint.js'
import openapi from './openapi.js'
import pull from './pull.js'
import scaffold from './scaffold.js'
import validate from './validate.js'
import vectors from './vectors.js'

export const COMMANDS: readonly Command[] = [
  init,
  generate,
  validate,
  diff,
  lint,
  scaffold,
  openapi,
  vectors,
  certs,
  hub,
  pull,
] as readonly Command[]
