import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES } from './config';

// kubernetes-models is ESM only; the api is CommonJS: loaded with import().
type Models = typeof import('kubernetes-models/v1', { with: { 'resolution-mode': 'import' } }) &
  typeof import('kubernetes-models/apps/v1', { with: { 'resolution-mode': 'import' } }) &
  typeof import('kubernetes-models/autoscaling/v2', { with: { 'resolution-mode': 'import' } }) &
  typeof import('kubernetes-models/networking.k8s.io/v1', { with: { 'resolution-mode': 'import' } }) &
  typeof import('kubernetes-models/policy/v1', { with: { 'resolution-mode': 'import' } });
let k8s: Models;
let MODELS: Record<string, new (data: never) => { validate(): void }>;
beforeAll(async () => {
  k8s = {
    ...(await import('kubernetes-models/v1')),
    ...(await import('kubernetes-models/apps/v1')),
    ...(await import('kubernetes-models/autoscaling/v2')),
    ...(await import('kubernetes-models/networking.k8s.io/v1')),
    ...(await import('kubernetes-models/policy/v1')),
  } as Models;
  MODELS = {
    'v1/ConfigMap': k8s.ConfigMap,
    'v1/Secret': k8s.Secret,
    'v1/Service': k8s.Service,
    'apps/v1/Deployment': k8s.Deployment,
    'autoscaling/v2/HorizontalPodAutoscaler': k8s.HorizontalPodAutoscaler,
    'networking.k8s.io/v1/Ingress': k8s.Ingress,
    'policy/v1/PodDisruptionBudget': k8s.PodDisruptionBudget,
  };
});

// What infra/ ships, checked offline: the Kubernetes base against the upstream schemas
// (kubernetes-models), and every variable any infra file sets against what config.ts reads.

const INFRA = path.resolve(__dirname, '..', '..', 'infra');
const read = (...p: string[]) => fs.readFileSync(path.join(INFRA, ...p), 'utf8');
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };


const kustomization = parseAllDocuments(read('k8s', 'kustomization.yaml'))[0].toJS() as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) => parseAllDocuments(read('k8s', file)).map((d) => d.toJS() as Manifest));
const one = <T>(kind: string) => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as unknown as T;
};

describe('the Kubernetes base (infra/k8s)', () => {
  it('lists every manifest in its folder, and each is valid against the Kubernetes schema', () => {
    const files = fs.readdirSync(path.join(INFRA, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const m of manifests) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      expect(Model, `${m.apiVersion} ${m.kind}`).toBeDefined();
      expect(() => new Model(m as never).validate(), `${m.kind} ${m.metadata.name}`).not.toThrow();
    }
    expect(Object.keys(MODELS).every((k) => manifests.some((m) => `${m.apiVersion}/${m.kind}` === k))).toBe(true);
    // The validator does reject a broken manifest.
    const broken = structuredClone(manifests.find((m) => m.kind === 'Deployment')!) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new k8s.Deployment(broken as never).validate()).toThrow();
  });

  it('runs at least two replicas, probes /readyz and /healthz, drains before stopping, bounded, not root, read-only', () => {
    const d = new k8s.Deployment(one('Deployment'));
    expect(d.spec!.replicas).toBeGreaterThanOrEqual(2);
    const pod = d.spec!.template.spec!;
    const c = pod.containers[0];
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(c.lifecycle?.preStop).toBeDefined();
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10 + 10); // preStop sleep + the api's own 10 s
    expect(c.resources?.requests?.cpu && c.resources?.requests?.memory && c.resources?.limits?.memory).toBeTruthy();
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    // The only writable place is an emptyDir at /tmp.
    expect(c.volumeMounts?.map((v) => v.mountPath)).toEqual(['/tmp']);
  });

  it('wires Service, Ingress, HPA and PDB to the Deployment, and its ConfigMap and Secret exist', () => {
    const d = new k8s.Deployment(one('Deployment'));
    const labels = d.spec!.template.metadata!.labels!;
    const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    const svc = new k8s.Service(one('Service'));
    expect(matches(svc.spec!.selector!)).toBe(true);
    expect(matches(new k8s.PodDisruptionBudget(one('PodDisruptionBudget')).spec!.selector!.matchLabels!)).toBe(true);
    const hpa = new k8s.HorizontalPodAutoscaler(one('HorizontalPodAutoscaler'));
    expect(hpa.spec!.scaleTargetRef.name).toBe(d.metadata!.name);
    expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    const ing = new k8s.Ingress(one('Ingress'));
    expect(ing.spec!.rules![0].http!.paths[0].backend.service!.name).toBe(svc.metadata!.name);
    // Consoles hold a WebSocket for hours: the proxy must not cut it after nginx's default 60 s.
    expect(Number(ing.metadata!.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    const envFrom = d.spec!.template.spec!.containers[0].envFrom!;
    expect(envFrom.map((e) => e.configMapRef?.name ?? e.secretRef?.name).sort()).toEqual([one<Manifest>('ConfigMap').metadata.name, one<Manifest>('Secret').metadata.name].sort());
  });
});

/** Variables set for the api by each infra file. */
function infraVariables(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (where: string, names: string[]) => (out[where] = [...new Set(names)]);
  // compose: the api services' environment, and the env_file they read (its example).
  const compose = parseAllDocuments(read('compose.yaml'))[0].toJS() as { services: Record<string, { build?: unknown; environment?: Record<string, string>; env_file?: string | string[] }> };
  const apiServices = Object.entries(compose.services).filter(([, s]) => s.build);
  expect(apiServices.length).toBeGreaterThanOrEqual(2);
  add('compose.yaml', apiServices.flatMap(([, s]) => Object.keys(s.environment ?? {})));
  const envFiles = new Set(apiServices.flatMap(([, s]) => [s.env_file ?? []].flat()));
  for (const f of envFiles) {
    const example = read(`${f}.example`);
    const names = example.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    // POSTGRES_* belong to the postgres service, which reads the same file.
    add(`${f}.example`, names.filter((n) => !n.startsWith('POSTGRES_')));
  }
  // Dockerfile ENV lines.
  add('Dockerfile', read('Dockerfile').split('\n').filter((l) => l.startsWith('ENV ')).flatMap((l) => [...l.slice(4).matchAll(/([A-Z_]+)=/g)].map((m) => m[1])));
  // Kubernetes ConfigMap and Secret.
  add('k8s ConfigMap', Object.keys((one<{ data: Record<string, string> }>('ConfigMap')).data));
  add('k8s Secret', Object.keys((one<{ stringData: Record<string, string> }>('Secret')).stringData));
  // The image check's `docker run -e NAME=…`.
  add('ci/image-check.sh', [...read('ci', 'image-check.sh').matchAll(/-e ([A-Z_]+)=/g)].map((m) => m[1]));
  return out;
}

describe('infra/ and config.ts', () => {
  it('every variable an infra file sets for the api is one config.ts reads', () => {
    for (const [where, names] of Object.entries(infraVariables())) {
      expect(names.length, where).toBeGreaterThan(0);
      expect(names.filter((n) => !CONFIG_VARIABLES.includes(n)), where).toEqual([]);
    }
  });

  it('every variable config.ts reads is set in the Kubernetes base (ConfigMap or Secret), but those that do not apply there', () => {
    /** Not for a Kubernetes deployment: with a reason each. */
    const notThere: Record<string, string> = {
      DATA_DIR: 'embedded PGlite, and evidence files without S3; Kubernetes runs with DATABASE_URL and S3_*',
      EMBEDDED_DATABASE: 'the in-process PGlite; Kubernetes runs with DATABASE_URL',
      METRICS_HOST: 'defaults to HOST',
    };
    const vars = infraVariables();
    const k8s = [...vars['k8s ConfigMap'], ...vars['k8s Secret']];
    expect(CONFIG_VARIABLES.filter((n) => !k8s.includes(n) && !(n in notThere))).toEqual([]);
    expect(Object.keys(notThere).filter((n) => !CONFIG_VARIABLES.includes(n))).toEqual([]);
  });
});
