/**
 * What an add-on values builder may read: the environment, its conventional AWS names, its
 * Terraform outputs (post-apply facts such as the VPC id) and the add-on's own per-environment
 * settings. Every lookup that can be missing throws an {@link AddonValueError} naming the file and
 * field to fix, so a builder never renders `undefined` into Helm values.
 */
import type { CatalogAddon, CatalogEnvironment } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';
import type { AddonSettings } from './schema/addon.ts';
import { ADDON_IDENTITIES, PLATFORM_BUCKETS } from './schema/platform-identities.ts';

/** A value an add-on needs is missing; carries the issue to report. */
export class AddonValueError extends Error {
  /** The file and field to fix. */
  public readonly issue: CatalogIssue;

  public constructor(issue: CatalogIssue) {
    super(issue.message);
    this.name = 'AddonValueError';
    this.issue = issue;
  }
}

/** Lookups of one add-on in one environment. */
export class AddonContext {
  /** The environment. */
  public readonly env: CatalogEnvironment;
  /** The add-on declaration. */
  public readonly addon: CatalogAddon;
  /** Settings of this environment (empty when none are declared). */
  public readonly settings: AddonSettings;

  /** Names of the add-ons that run in this environment. */
  public readonly running: ReadonlySet<string>;

  public constructor(addon: CatalogAddon, env: CatalogEnvironment, running: ReadonlySet<string>) {
    this.addon = addon;
    this.env = env;
    this.running = running;
    this.settings = addon.spec.settings[env.spec.name] ?? {};
  }

  /** A setting the builder cannot do without. */
  public require<K extends keyof AddonSettings>(key: K): NonNullable<AddonSettings[K]> {
    const value = this.settings[key];
    if (value === undefined) {
      throw new AddonValueError({
        file: this.addon.file,
        path: `settings.${this.env.spec.name}.${key}`,
        message: `is required: the ${this.addon.spec.name} values need it in ${this.env.spec.name}`,
      });
    }
    return value as NonNullable<AddonSettings[K]>;
  }

  /** The IRSA role Terraform creates for this add-on's service account (a conventional name, see AwsNames). */
  public roleArn(): string {
    this.identity();
    return this.env.names.addonRoleArn(this.addon.spec.name);
  }

  /** The service account Terraform trusts for this add-on (see ADDON_IDENTITIES). */
  public serviceAccount(): string {
    return this.identity().serviceAccount;
  }

  /** The add-on's ADDON_IDENTITIES entry: without one Terraform creates no role for it. */
  private identity(): (typeof ADDON_IDENTITIES)[number] {
    const identity = ADDON_IDENTITIES.find((a) => a.name === this.addon.spec.name);
    if (!identity) {
      throw new AddonValueError({
        file: this.addon.file,
        path: 'name',
        message: `add-on "${this.addon.spec.name}" needs an IAM role but has no entry in ADDON_IDENTITIES (apps/schema/platform-identities.ts)`,
      });
    }
    return identity;
  }

  /** The annotated service account block most charts accept as `serviceAccount`. */
  public irsaServiceAccount(): { create: true; name: string; annotations: Record<string, string> } {
    // Without cloud IAM (k3s) the same service account, unannotated: there is no role to assume.
    if (!this.env.platform.cloudIam) return { create: true, name: this.serviceAccount(), annotations: {} };
    return { create: true, name: this.serviceAccount(), annotations: { 'eks.amazonaws.com/role-arn': this.roleArn() } };
  }

  /** A bucket Terraform creates, by its key (`PLATFORM_BUCKETS`, e.g. `loki`). */
  public bucket(key: string): string {
    if (!(PLATFORM_BUCKETS as readonly string[]).includes(key)) {
      throw new AddonValueError({
        file: this.addon.file,
        path: 'name',
        message: `add-on "${this.addon.spec.name}" uses bucket "${key}", which is not in PLATFORM_BUCKETS (apps/schema/platform-identities.ts)`,
      });
    }
    return this.env.names.bucketName(key);
  }

  /** Whether an add-on runs in this environment. */
  public runs(name: string): boolean {
    return this.running.has(name);
  }
}

/** Builds the Helm values of one add-on in one environment. */
export type AddonValuesBuilder = (ctx: AddonContext) => Record<string, unknown>;
