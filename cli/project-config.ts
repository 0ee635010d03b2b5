// The config a command reads when the project has one: the file --config names, else
// ./oicp.config.yaml if it is there. Commands that also work outside a project (lint,
// scaffold) take their defaults from it.
import { existsSync } from 'node:fs'
import type { Config } from '../generator/config.js'

export async function projectConfig(file?: string): Promise<Config | undefined> {
  const { DEFAULT_CONFIG_FILE, loadConfig } = await import('../generator/config.js')
  if (file === undefined && !existsSync(DEFAULT_CONFIG_FILE)) return undefined
  return loadConfig(file ?? DEFAULT_CONFIG_FILE)
}
