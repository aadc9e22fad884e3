/**
 * Contract: every AWS name dist/ references is provided by the environment's AWS contract
 * (`terraform/environments/<env>/contract.json`, see ../aws-contract.ts), so nothing syncs that
 * points at a role, repository, queue, bucket or secret Terraform never creates, and no public ALB
 * uses a certificate, web ACL or host other than Terraform's edge (./contract-edge.ts). Each finding names
 * both sides: the object and field in dist/, and the contract file and section.
 */
import { join } from 'node:path';
import { contractFile, readContract, type AwsContract } from '../aws-contract.ts';
import { EDGE_RULES, edgeFindings } from './contract-edge.ts';
import { arr, finding, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';

const CHECK = 'contract';

/** Where the contracts live relative to the repository (the default of `contractsDir`). */
export const CONTRACTS_DIR = join('terraform', 'environments');

// amazon-eks-pod-identity-webhook pkg/cache/cache.go addSA: the pod's role comes from the
// ServiceAccount annotation `eks.amazonaws.com/role-arn`, matched against this shape.
const ROLE_ARN = /^arn:aws[a-z0-9-]*:iam::[0-9]{12}:role\/[\w\-/.@+=,]+$/;
const ECR_IMAGE =
  /^([0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9][a-z0-9._/-]*?)(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;
const SQS_URL = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/[0-9]{12}\/[A-Za-z0-9_-]{1,80}$/;
// PromQL selectors of the CloudWatch SQS metrics (PrometheusRules, dashboards) name a queue.
const QUEUE_LABEL = /queue_name=\\?"([A-Za-z0-9_-]{1,80})\\?"/g;
const QUEUE_KEYS = new Set(['interruptionQueue', 'queueName']);

/** One AWS name found in an object, with the field it sits in. */
interface Reference {
  readonly kind: 'secret' | 'role' | 'ecr' | 'queue' | 'bucket';
  readonly path: string;
  readonly value: string;
  /** Secret property (secret references only). */
  readonly property?: string;
}

/** Every string leaf of a value, with its path. */
function* strings(value: unknown, path: string): Generator<{ path: string; key: string; value: string }> {
  if (typeof value === 'string') {
    yield { path, key: path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, ''), value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
  }
}

/** The AWS names one object references. */
export function referencesOf(o: DistObject): Reference[] {
  const out: Reference[] = [];
  const obj = o.object;
  if (obj.kind === 'ExternalSecret') {
    // external-secrets providers/v1/aws/secretsmanager/secretsmanager.go SecretsManager.GetSecret: a
    // missing secret is NoSecretErr and a missing property "key … does not exist in secret …".
    arr(rec(obj.spec).data).forEach((d, i) => {
      const ref = rec(rec(d).remoteRef);
      if (typeof ref.key === 'string') {
        out.push({
          kind: 'secret',
          path: `spec.data[${i}].remoteRef`,
          value: ref.key,
          ...(typeof ref.property === 'string' ? { property: ref.property } : {}),
        });
      }
    });
    arr(rec(obj.spec).dataFrom).forEach((d, i) => {
      const key = rec(rec(d).extract).key;
      if (typeof key === 'string') out.push({ kind: 'secret', path: `spec.dataFrom[${i}].extract`, value: key });
    });
  }
  if (obj.kind === 'EC2NodeClass' && typeof rec(obj.spec).role === 'string') {
    out.push({ kind: 'role', path: 'spec.role', value: String(rec(obj.spec).role) });
  }
  for (const s of strings(obj, '')) {
    if (ROLE_ARN.test(s.value)) out.push({ kind: 'role', path: s.path, value: s.value });
    const image = ECR_IMAGE.exec(s.value);
    if (image) out.push({ kind: 'ecr', path: s.path, value: image[1]! });
    if (SQS_URL.test(s.value) || QUEUE_KEYS.has(s.key)) out.push({ kind: 'queue', path: s.path, value: s.value });
    for (const m of s.value.matchAll(QUEUE_LABEL)) out.push({ kind: 'queue', path: s.path, value: m[1]! });
    if (/bucket/i.test(s.path) && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s.value))
      out.push({ kind: 'bucket', path: s.path, value: s.value });
  }
  return out;
}

/** Findings of one environment's objects against its contract (`file` names the contract in messages). */
export function contractFindings(objects: readonly DistObject[], contract: AwsContract, file: string): Finding[] {
  const out: Finding[] = [];
  const roles = new Map(contract.roles.flatMap((r) => [[r.arn, r] as const, [r.name, r] as const]));
  const queues = new Set(contract.queues.flatMap((q) => [q.name, q.url, ...(q.deadLetterQueue ? [q.deadLetterQueue] : [])]));
  const secrets = new Map(contract.secrets.map((s) => [s.name, s]));
  // The role each ClusterSecretStore authenticates as: the one trusting its serviceAccountRef.
  const storeRoles = new Map(
    objects
      .filter((o) => o.object.kind === 'ClusterSecretStore')
      .map((o) => {
        const ref = rec(rec(rec(rec(rec(o.object.spec).provider).aws).auth).jwt).serviceAccountRef;
        const sa = `${String(rec(ref).namespace ?? '')}/${String(rec(ref).name ?? '')}`;
        return [o.object.metadata.name, contract.roles.find((r) => r.serviceAccount === sa)] as const;
      }),
  );
  for (const o of objects) {
    const missing = (rule: string, ref: Reference, what: string, section: string) =>
      out.push(finding(CHECK, o, rule, 'error', `${o.file} ${ref.path}: ${what} is not provided by ${file} (${section})`));
    for (const ref of referencesOf(o)) {
      switch (ref.kind) {
        case 'secret': {
          const secret = secrets.get(ref.value);
          if (!secret) missing('secret-exists', ref, `secret "${ref.value}"`, 'secrets');
          else if (ref.property !== undefined && !secret.properties.includes(ref.property))
            missing('secret-property', ref, `property "${ref.property}" of secret "${ref.value}"`, `secrets[${ref.value}].properties`);
          const storeRef = rec(rec(o.object.spec).secretStoreRef);
          const store = storeRef.kind === 'ClusterSecretStore' ? storeRoles.get(String(storeRef.name)) : undefined;
          if (secret && store && !secret.readers.includes(store.arn)) {
            out.push(
              finding(
                CHECK,
                o,
                'secret-readable',
                'error',
                `${o.file} ${ref.path}: secret "${ref.value}" is read through ClusterSecretStore ${String(storeRef.name)} as ${store.arn}, which ${file} (secrets[${ref.value}].readers) does not allow`,
              ),
            );
          }
          break;
        }
        case 'role': {
          const role = roles.get(ref.value);
          if (!role) {
            missing('role-exists', ref, `IAM role ${ref.value}`, 'roles');
            break;
          }
          // The role trusts exactly one service account: the annotated one must be it.
          const sa = `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
          if (o.object.kind === 'ServiceAccount' && role.serviceAccount !== sa) {
            out.push(
              finding(
                CHECK,
                o,
                'role-trusts-service-account',
                'error',
                `${o.file} ${ref.path}: IAM role ${ref.value} trusts ${role.serviceAccount ?? 'no service account'} in ${file} (roles), not ${sa}`,
              ),
            );
          }
          break;
        }
        case 'ecr':
          if (!contract.ecrRepositories.includes(ref.value))
            missing('ecr-repository', ref, `ECR repository ${ref.value}`, 'ecrRepositories');
          break;
        case 'queue':
          if (!queues.has(ref.value)) missing('queue-exists', ref, `SQS queue ${ref.value}`, 'queues');
          break;
        case 'bucket':
          if (!contract.buckets.includes(ref.value)) missing('bucket-exists', ref, `S3 bucket ${ref.value}`, 'buckets');
          break;
      }
    }
  }
  out.push(...edgeFindings(objects, contract, file));
  return out;
}

/** Reads `<contractsDir>/<env>/contract.json` per environment and checks its objects. */
export const contractCheck: Check = {
  name: CHECK,
  rules: [
    'contract-exists',
    'secret-exists',
    'secret-property',
    'secret-readable',
    'role-exists',
    'role-trusts-service-account',
    'ecr-repository',
    'queue-exists',
    'bucket-exists',
    ...EDGE_RULES,
  ],
  run(model: DistModel, options): Finding[] {
    const dir = options.contractsDir ?? CONTRACTS_DIR;
    const out: Finding[] = [];
    for (const env of [...new Set(model.objects.map((o) => o.env))].sort()) {
      const file = contractFile(dir, env);
      const read = readContract(file);
      const problem =
        'error' in read
          ? read.error
          : read.contract.environment !== env
            ? `${file} is the contract of "${read.contract.environment}", not of dist/${env}`
            : undefined;
      if (problem !== undefined || 'error' in read) {
        out.push({
          check: CHECK,
          env,
          app: '-',
          kind: 'Contract',
          name: file,
          rule: 'contract-exists',
          severity: 'error',
          message: problem ?? '',
        });
        continue;
      }
      out.push(
        ...contractFindings(
          model.objects.filter((o) => o.env === env),
          read.contract,
          file,
        ),
      );
    }
    return out;
  },
};
