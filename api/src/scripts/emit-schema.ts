/** Writes schema/schema.graphql; with --check, fails when the committed file is stale. */
import fs from 'node:fs';
import path from 'node:path';
import { printContract } from '../schema';

async function main() {
  const target = path.resolve(__dirname, '..', '..', '..', 'schema', 'schema.graphql');
  const sdl = await printContract();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (committed !== sdl) {
      console.error(`schema/schema.graphql is stale. Run: pnpm --filter @sst/api emit-schema`);
      process.exit(1);
    }
    console.log('schema/schema.graphql is up to date');
    return;
  }
  fs.writeFileSync(target, sdl);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
