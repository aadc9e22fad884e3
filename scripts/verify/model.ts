/**
 * What verify works on: the objects of dist/ as Argo CD would apply them (kustomize `images:`
 * applied), and the findings it reports. Nothing here knows how dist/ was generated.
 */
import type { NetworkContract } from './network-contract-schema.ts';

/** A Kubernetes object as rendered. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** An object with where it was found. */
export interface DistObject {
  /** Environment folder (`dist/<env>`). */
  readonly env: string;
  /** App folder (`dist/<env>/<app>`). */
  readonly app: string;
  /** File path relative to the dist folder. */
  readonly file: string;
  /** The object, with kustomize `images:` applied. */
  readonly object: KubeObject;
}

/** An app folder. */
export interface DistApp {
  readonly env: string;
  readonly app: string;
  /** Absolute path of the folder. */
  readonly dir: string;
}

/** Everything loaded from dist/. */
export interface DistModel {
  readonly objects: readonly DistObject[];
  readonly apps: readonly DistApp[];
  /**
   * Network contracts by environment (`terraform/environments/<env>/catalog.json`, written by
   * synth). @default - none: the network check has nothing to compare against and reports nothing
   */
  readonly networkContracts?: ReadonlyMap<string, NetworkContract>;
}

/** How bad a finding is: errors fail verify, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem. */
export interface Finding {
  /** Check that reported it (`schema`, `admission`, …). */
  readonly check: string;
  readonly env: string;
  readonly app: string;
  readonly kind: string;
  readonly name: string;
  /** Stable rule id within the check. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Settings shared by the checks. */
export interface VerifyOptions {
  /** Folder holding the upstream CRDs. */
  readonly crdsDir: string;
  /**
   * Folder holding `<env>/contract.json`, the AWS names Terraform provides.
   * @default 'terraform/environments' (verifyDist: beside the dist folder)
   */
  readonly contractsDir?: string;
}

/** One check: judges the model and returns its findings. */
export interface Check {
  /** Name used in the report and in `Finding.check`. */
  readonly name: string;
  /** Number of distinct rules the check applies (for the report). */
  readonly rules: readonly string[];
  run(model: DistModel, options: VerifyOptions): Promise<Finding[]> | Finding[];
}

/** A finding about `at`. */
export function finding(check: string, at: DistObject, rule: string, severity: Severity, message: string): Finding {
  return { check, env: at.env, app: at.app, kind: at.object.kind, name: qualifiedName(at.object), rule, severity, message };
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function qualifiedName(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
}

/** API group of an apiVersion (`''` for core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** A value as a plain record, or an empty one. */
export function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A value as an array, or an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
