/**
 * Controllers' references: what the API server accepts but a controller or admission plugin
 * resolves at run time and fails on (priority and storage classes, NodePools and node classes,
 * IngressClasses and backends, LimitRanges and quotas, secret keys, issuers, Alertmanager
 * receivers, PromQL, Kustomize ids, AppProject namespaces). Rule modules in ../references/.
 */
import { fileLocator } from '../field-line.ts';
import { finding, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { ALERTMANAGER_RULES, checkAlertmanager } from '../references/alertmanager.ts';
import { CERT_MANAGER_RULES, checkCertManager } from '../references/cert-manager.ts';
import { EnvIndex, type Emit } from '../references/env-index.ts';
import { checkIngressRefs, INGRESS_REF_RULES } from '../references/ingress-refs.ts';
import { checkKustomizeArgo, KUSTOMIZE_ARGO_RULES } from '../references/kustomize-argo.ts';
import { checkPromql, PROMQL_RULES } from '../references/promql.ts';
import { checkQuotas, QUOTA_RULES } from '../references/quota.ts';
import { checkSchedulingRefs, SCHEDULING_REF_RULES } from '../references/scheduling-refs.ts';
import { checkSecretKeys, SECRET_KEY_RULES } from '../references/secret-keys.ts';

const CHECK = 'references';
const FIELD_PATH = /^[a-zA-Z]+(\.[a-zA-Z]+|\[[^\]]+\])*$/;

const MODULES: readonly ((ix: EnvIndex, emit: Emit) => void)[] = [
  checkSchedulingRefs,
  checkIngressRefs,
  checkQuotas,
  checkSecretKeys,
  checkCertManager,
  checkAlertmanager,
  checkPromql,
  checkKustomizeArgo,
];

/** The controllers' references check. */
export const referencesCheck: Check = {
  name: CHECK,
  rules: [
    ...SCHEDULING_REF_RULES,
    ...INGRESS_REF_RULES,
    ...QUOTA_RULES,
    ...SECRET_KEY_RULES,
    ...CERT_MANAGER_RULES,
    ...ALERTMANAGER_RULES,
    ...PROMQL_RULES,
    ...KUSTOMIZE_ARGO_RULES,
  ],
  run(model: DistModel): Finding[] {
    const out: Finding[] = [];
    const locate = fileLocator(model.apps);
    // Messages read `file: field: …`; when the second part is a field path, add its line.
    const emit: Emit = (at, rule, severity, message) => {
      const prefix = `${at.file}: `;
      const field = message.startsWith(prefix) ? message.slice(prefix.length).split(': ')[0] : undefined;
      const located = field !== undefined && FIELD_PATH.test(field) ? `${locate(at, field)}: ${message.slice(prefix.length)}` : message;
      out.push(finding(CHECK, at, rule, severity, located));
    };
    const byEnv = new Map<string, DistObject[]>();
    for (const o of model.objects) {
      const list = byEnv.get(o.env);
      if (list) list.push(o);
      else byEnv.set(o.env, [o]);
    }
    for (const objects of byEnv.values()) {
      const ix = new EnvIndex(objects);
      for (const m of MODULES) m(ix, emit);
    }
    return out;
  },
};
