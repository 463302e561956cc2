// The image's smoke test, run by image-check.sh against the running container: a demo sign-in,
// a console's live stream over WebSocket, a report that reaches it, metrics where they belong.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const WebSocket = require('ws');
const { createClient } = require('graphql-ws');

const [base, metricsUrl] = process.argv.slice(2);
const fail = (msg) => {
  console.error(`[image] ${msg}`);
  process.exit(1);
};

async function gql(query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) fail(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const { login } = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'coordinator', p: 'changsheng-demo' });
console.log('[image] signed in as coordinator');

const client = createClient({ url: `${base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authToken: login.token }, retryAttempts: 0 });
// From the first event (after: "0"): the demo's history, then live — so the report below reaches
// it whether it commits before or after the stream goes live.
let wanted = null;
const seen = [];
const pushed = new Promise((resolve, reject) => {
  client.subscribe(
    { query: 'subscription { activity(after: "0") { cursor type matterId } }' },
    {
      next: (v) => {
        const e = v.data?.activity;
        if (!e) return reject(new Error(JSON.stringify(v)));
        seen.push(e);
        if (wanted && e.matterId === wanted) resolve(e);
      },
      error: reject,
      complete: () => reject(new Error('stream ended')),
    },
  );
});
// Settled either way; awaited below only when the report was not already in the replay.
pushed.catch(() => undefined);
const { reportMatter } = await gql(
  'mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }',
  { input: { title: '镜像检查', description: '镜像冒烟测试：登记一件事项', kind: 'DEMAND', category: 'OTHER', channel: 'PHONE' } },
  login.token,
);
wanted = reportMatter.id;
const already = seen.find((e) => e.matterId === wanted);
const timer = setTimeout(() => fail('no push within 10 s'), 10_000);
const event = already ?? (await pushed);
clearTimeout(timer);
if (event.matterId !== reportMatter.id) fail(`pushed ${JSON.stringify(event)}, expected matter ${reportMatter.id}`);
console.log(`[image] push received: ${event.type} ${event.cursor}`);
await client.dispose();

const metrics = await fetch(metricsUrl);
const text = await metrics.text();
if (metrics.status !== 200 || !text.includes('sst_graphql_operations_total')) fail(`metrics: ${metrics.status}`);
if ((await fetch(`${base}/metrics`)).status !== 404) fail('/metrics is answered on the public port');
console.log('[image] metrics on their own port only');
