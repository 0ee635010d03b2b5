// `oicp init <cpo|emp>`: a new project's first minute. The work is in cli/init.ts.
import { defineCommand, valueOption } from '../command.js'

export default defineCommand({
  name: 'init',
  summary: 'start a project for a CPO or an EMP: config, generated code and handler files',
  usage: ['init <cpo|emp> [--operator-id ID | --provider-id ID] [--dir DIR] [--port N] [--hub-port N]'],
  operands: [['<cpo|emp>', 'the role the project plays']],
  options: {
    'operator-id': valueOption('ID', "a CPO's OperatorID, e.g. DE*ABC"),
    'provider-id': valueOption('ID', "an EMP's ProviderID, e.g. DE-8EO"),
    dir: valueOption('DIR', 'the project folder (default: the current folder)'),
    port: valueOption('N', "the port of the project's own OICP server (default 9001 for a CPO, 9002 for an EMP)"),
    'hub-port': valueOption('N', 'the port of the local hub (default 8443)'),
  },
  async run({ values, positionals, io }) {
    const { runInit } = await import('../init.js')
    return runInit(values, positionals, io)
  },
})
