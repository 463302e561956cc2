import { pgliteTemplate } from './pglite';

/** Prepares the PGlite template once, before the workers start, so they don't all run initdb. */
export default async function setup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await pgliteTemplate();
}
