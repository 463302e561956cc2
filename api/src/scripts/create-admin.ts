/**
 * Creates an ADMIN user in DATABASE_URL (or the embedded database in DATA_DIR), with a community
 * and its community organization when none exists yet — the way into a deployment without the
 * demo seed.
 *
 *   node api/dist/scripts/create-admin.js --username U --password P [--community-name 名称 --community-code CS]
 *
 * Also: --display-name, --district. Fails without changing anything when the username exists.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm } from '../db/orm';
import { DomainError } from '../errors';
import { bootstrapAdmin } from '../modules/admin/admin.service';
import { passwordProblem } from '../modules/auth/password-policy';

const USAGE = 'usage: create-admin --username U --password P [--display-name 姓名] [--community-name 名称 --community-code CS [--district 区]]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      'community-name': { type: 'string' },
      'community-code': { type: 'string' },
      district: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.username || !values.password) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const problem = passwordProblem(values.password, values.username, config.PASSWORD_MIN_LENGTH);
  if (problem) {
    console.error(`password refused (${problem}): at least ${config.PASSWORD_MIN_LENGTH} characters, not containing the username, not a common password`);
    return 2;
  }
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const orm = await initOrm(config.DATABASE_URL ?? embedded!.url, { embedded: !!embedded });
  try {
    const r = await bootstrapAdmin(orm.em.fork(), {
      username: values.username,
      password: values.password,
      displayName: values['display-name'],
      communityName: values['community-name'],
      communityCode: values['community-code'],
      district: values.district,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
    });
    if (r.createdCommunity) console.log(`community created: ${r.community.name} (${r.community.code})`);
    if (r.createdOrganization) console.log(`community organization created: ${r.organization.name}`);
    console.log(`admin created: ${r.user.username} in ${r.organization.name}`);
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(`create-admin: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
