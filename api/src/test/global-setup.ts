import { pgliteTemplate } from './pglite';
import { migratedTemplate } from './template-db';

/**
 * Runs once before the workers start. On a PostgreSQL server (TEST_DATABASE_URL), migrates a
 * template database once, so that each test file's database is a copy of it (`create database …
 * template …`, a file copy) instead of running every migration again. Without a server, prepares
 * PGlite's initdb dump once.
 */
export default async function setup(project: { provide(key: 'testTemplateDb', value: string): void }): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) project.provide('testTemplateDb', await migratedTemplate(serverUrl));
  else await pgliteTemplate();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplateDb?: string;
  }
}
