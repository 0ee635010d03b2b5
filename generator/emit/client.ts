// Emits client.ts: typed clients, one per role, one method per operation the role sends.
import type { SourceFile } from 'ts-morph'
import type { Release, Role } from '../spec/model.js'

export function emitClient(file: SourceFile, _release: Release, _runtime: string, _roles: Role[]): void {
  file.addStatements('export {}')
}
