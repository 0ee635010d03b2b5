// Emits routes.ts: route tables and handler types, one per role that serves operations.
import type { SourceFile } from 'ts-morph'
import type { Release, Role } from '../spec/model.js'

export function emitRoutes(file: SourceFile, _release: Release, _runtime: string, _roles: Role[]): void {
  file.addStatements('export {}')
}
