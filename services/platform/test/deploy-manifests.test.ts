// The deployment files (infra/k8s, infra/compose, infra/image/Containerfile) parse, and say what an
// operator relies on: every service deployed, probes, resources, a disruption budget, a read-only
// non-root container, and environments that the platform's own configuration schema accepts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformEnvSchema, readEnv } from '@liaison/config';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const k8sDir = join(root, 'infra/k8s');

type Doc = any;

/** Every document of every manifest file; a YAML error fails with the file and the error. */
function manifests(): { file: string; doc: Doc }[] {
  return readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(k8sDir, file), 'utf8')).map((d) => {
        expect(
          d.errors.map((e) => e.message),
          file,
        ).toEqual([]);
        return { file, doc: d.toJS() as Doc };
      }),
    );
}

/** The services a process can run alone (`LIAISON_SERVICE`), from the configuration schema itself. */
const serviceNames = (platformEnvSchema.shape.LIAISON_SERVICE.unwrap().options as string[]).slice().sort();

/** What service.ts requires of each service beyond DATABASE_URL (it exits 2 naming them otherwise). */
const required: Record<string, string[]> = {
  intake: ['AUDIT_KEY', 'FIELD_KEY', 'COUNCIL_KEY'],
  referrals: ['AUDIT_KEY'],
  stats: ['AUDIT_KEY'],
  notifier: ['AUDIT_KEY', 'WEBHOOK_KEY'],
  gateway: ['REFERRALS_URL'],
};

const key = Buffer.alloc(32, 7).toString('base64');
/** A stand-in for a secret's value that the schema accepts (keys are base64 of ≥ 32 bytes). */
const secretValue = (name: string) => (name === 'DATABASE_URL' ? 'postgres://liaison@db:5432/liaison' : key);

describe('Kubernetes manifests (infra/k8s)', () => {
  const all = manifests();
  const of = (kind: string) => all.filter((m) => m.doc?.kind === kind);
  const config = of('ConfigMap').find((m) => m.doc.metadata.name === 'liaison-config')?.doc.data as Record<string, string>;

  it('lists every manifest file in the kustomization, and every resource it lists exists', () => {
    const kustomization = of('Kustomization')[0]?.doc;
    expect(kustomization).toBeDefined();
    const files = readdirSync(k8sDir)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .sort();
    expect([...kustomization.resources].sort()).toEqual(files);
    expect(kustomization.images.map((i: Doc) => i.name)).toEqual(['liaison']);
  });

  it('deploys every service the platform can run alone', () => {
    const deployed = of('Deployment')
      .map((m) => m.doc.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'LIAISON_SERVICE')?.value)
      .sort();
    expect(deployed, 'a LIAISON_SERVICE without a Deployment (or one the platform does not know)').toEqual(serviceNames);
  });

  for (const { file, doc } of of('Deployment')) {
    it(`${file}: probes, resources, a read-only non-root container, a Service and a PodDisruptionBudget`, () => {
      expect(doc.apiVersion).toBe('apps/v1');
      const labels = doc.spec.template.metadata.labels;
      expect(labels).toMatchObject(doc.spec.selector.matchLabels);
      expect(doc.spec.replicas).toBeGreaterThanOrEqual(2);
      const pod = doc.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      const [container] = pod.containers;
      expect(container.image).toBe('liaison');
      expect(container.args).toEqual(['dist/service.js']);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.ports).toContainEqual({ name: 'http', containerPort: 8080 });
      expect(container.resources.requests.cpu).toMatch(/^\d+m?$/);
      expect(container.resources.requests.memory).toMatch(/^\d+(Mi|Gi)$/);
      expect(container.resources.limits.memory).toMatch(/^\d+(Mi|Gi)$/);
      // /tmp is the only writable place.
      const tmp = container.volumeMounts.find((v: Doc) => v.mountPath === '/tmp');
      expect(pod.volumes.find((v: Doc) => v.name === tmp?.name)?.emptyDir).toBeDefined();

      // Its environment, as the pod gets it, passes the platform's configuration schema, and has
      // what service.ts requires of this service.
      expect(container.envFrom).toContainEqual({ configMapRef: { name: 'liaison-config' } });
      const env: Record<string, string> = { ...config };
      for (const e of container.env) {
        if (e.valueFrom) {
          expect(e.valueFrom.secretKeyRef, e.name).toEqual({ name: 'liaison-secrets', key: e.name });
          env[e.name] = secretValue(e.name);
        } else env[e.name] = String(e.value);
      }
      const parsed = readEnv(platformEnvSchema, env);
      const service = parsed.LIAISON_SERVICE!;
      expect(serviceNames).toContain(service);
      for (const name of ['DATABASE_URL', ...(required[service] ?? [])]) expect(env[name], `${service} needs ${name}`).toBeTruthy();
      expect(parsed.KAFKA_BROKERS?.length).toBe(3);

      const service_ = of('Service').find((m) => m.file === file)?.doc;
      expect(service_.spec.selector).toEqual(doc.spec.selector.matchLabels);
      const pdb = of('PodDisruptionBudget').find((m) => m.file === file)?.doc;
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec.selector.matchLabels).toEqual(doc.spec.selector.matchLabels);
      expect(pdb.spec.minAvailable).toBeLessThan(doc.spec.replicas);
    });
  }

  it('runs the outbox relay in every replica of a service that has one, and says how one leader is chosen', () => {
    for (const { file, doc } of of('Deployment')) {
      const parts = doc.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'LIAISON_PARTS')?.value as string | undefined;
      if (!parts?.includes('relay')) continue;
      expect(readFileSync(join(k8sDir, file), 'utf8'), file).toMatch(/pg_try_advisory_lock/);
    }
    // The relay's election is what the manifests describe: a session advisory lock per outbox.
    expect(readFileSync(join(root, 'packages/events/src/outbox.ts'), 'utf8')).toMatch(/pg_try_advisory_lock\(hashtext\(\$1\)\)/);
  });

  it('migrates with a Job of the same image', () => {
    const job = of('Job')[0]?.doc;
    expect(job.spec.template.spec.containers[0]).toMatchObject({ image: 'liaison', args: ['dist/migrate.js'] });
    expect(job.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });
});

describe('compose file (infra/compose/compose.yaml)', () => {
  const compose = parse(readFileSync(join(root, 'infra/compose/compose.yaml'), 'utf8'), { merge: true }) as Doc;
  const services = compose.services as Record<string, Doc>;
  /** `${VAR:?message}` as compose substitutes it, with a stand-in value. */
  const substitute = (value: unknown) =>
    String(value).replace(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g, (_m, name: string) => (name === 'POSTGRES_PASSWORD' ? 'pw' : key));

  it('has three KRaft Kafka nodes that vote for each other, Postgres, and every service', () => {
    const kafka = ['kafka-1', 'kafka-2', 'kafka-3'].map((n) => services[n]);
    for (const [i, node] of kafka.entries()) {
      expect(node.environment.KAFKA_NODE_ID).toBe(i + 1);
      expect(node.environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093');
      expect(node.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(node.environment.KAFKA_ADVERTISED_LISTENERS).toBe(`PLAINTEXT://kafka-${i + 1}:9092`);
    }
    expect(new Set(kafka.map((k) => k.environment.CLUSTER_ID)).size).toBe(1);
    expect(services.postgres.healthcheck).toBeDefined();
    const run = Object.values(services)
      .map((s) => s.environment?.LIAISON_SERVICE)
      .filter(Boolean)
      .sort();
    expect(run).toEqual(serviceNames);
  });

  it('runs each Liaison container read-only with an environment the platform accepts; dependencies exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect(Object.keys(services), `${name} depends on ${dependency}`).toContain(dependency);
      if (service.image !== 'localhost/liaison:latest') continue;
      expect(service.read_only, name).toBe(true);
      expect(service.tmpfs, name).toEqual(['/tmp']);
      const env = Object.fromEntries(Object.entries(service.environment as Record<string, unknown>).map(([k, v]) => [k, substitute(v)]));
      const parsed = readEnv(platformEnvSchema, env);
      expect(parsed.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092', 'kafka-3:9092']);
      const service_ = parsed.LIAISON_SERVICE;
      if (service_) for (const v of required[service_] ?? []) expect(env[v], `${service_} needs ${v}`).toBeTruthy();
    }
  });
});

describe('Containerfile (infra/image/Containerfile)', () => {
  const text = readFileSync(join(root, 'infra/image/Containerfile'), 'utf8');
  it('is multi-stage, deploys production dependencies only, runs as a non-root user under tini, with a health check', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/pnpm --filter @liaison\/platform deploy --prod/);
    expect(text).toMatch(/^COPY --from=build /m);
    expect(text).toMatch(/^USER 10001:10001$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "node"/m);
  });
});
