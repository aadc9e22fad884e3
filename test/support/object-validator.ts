/**
 * Validates rendered objects against their schemas: core kinds with kubernetes-models (`.validate()`,
 * deep imports), custom resources with the openAPIV3Schema of the upstream CRD in CRDS_DIR
 * (default ../shared/crds), compiled with ajv. CRD schemas are closed (`additionalProperties:
 * false` wherever properties are listed and unknown fields are not preserved) so a misspelt field
 * fails here, as the API server's structural pruning would silently drop it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { goRegExp } from '../../scripts/verify/go-regexp.ts';

type Obj = { apiVersion: string; kind: string; metadata: { name: string } };
type Model = { apiVersion: string; kind: string; new (data: never): { validate(): void } };

const CORE: readonly Model[] = [
  Namespace,
  ResourceQuota,
  LimitRange,
  ConfigMap,
  Service,
  ServiceAccount,
  NetworkPolicy,
  Ingress,
  PriorityClass,
  Deployment,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
] as unknown as Model[];

/** Folder of the upstream CRDs. */
export const CRDS_DIR = resolve(process.env.CRDS_DIR ?? '../shared/crds');

function close(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, close(v)]),
    );
    if (!out['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (out.items && typeof out.items === 'object') out.items = close(out.items as Record<string, unknown>);
  if (out.additionalProperties && typeof out.additionalProperties === 'object')
    out.additionalProperties = close(out.additionalProperties as Record<string, unknown>);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(out[key])) out[key] = (out[key] as Record<string, unknown>[]).map(close);
  return out;
}

let crdSchemas: Map<string, Record<string, unknown>> | undefined;
const compiled = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });

/** The validator of one CRD version, compiled on first use (the largest schemas take seconds). */
function crdValidator(key: string): ValidateFunction | undefined {
  const done = compiled.get(key);
  if (done) return done;
  const schema = crds().get(key);
  if (!schema) return undefined;
  const validate = ajv.compile(schema);
  compiled.set(key, validate);
  return validate;
}

function crds(): Map<string, Record<string, unknown>> {
  if (crdSchemas) return crdSchemas;
  crdSchemas = new Map();
  for (const file of readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(CRDS_DIR, file), 'utf8')) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] };
    };
    for (const v of crd.spec.versions) {
      const schema = close(v.schema.openAPIV3Schema);
      // metadata is validated by the API server, not by the CRD schema.
      (schema.properties as Record<string, unknown>).metadata = { type: 'object' };
      crdSchemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, schema);
    }
  }
  return crdSchemas;
}

/** Schema errors of one object; throws when no schema is known for its kind. */
export function schemaErrors(obj: Obj): string[] {
  const core = CORE.find((m) => m.apiVersion === obj.apiVersion && m.kind === obj.kind);
  if (core) {
    try {
      new core(obj as never).validate();
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  }
  const validate = crdValidator(`${obj.apiVersion}/${obj.kind}`);
  if (!validate) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind} (${obj.metadata.name})`);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}
