/**
 * The one place that decides how Terraform is invoked from this repo: which CLI configuration
 * (`terraform/cli.tfrc` with the offline provider mirror, or `terraform/cli.registry.tfrc` when the
 * mirror is absent, because a missing filesystem_mirror directory makes `terraform init` fail) and a
 * shared provider plugin cache. Used by scripts/tf-*.ts and by test/terraform/terraform.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in scripts/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Directory holding modules/ and environments/. */
export const terraformDir = join(repoRoot, 'terraform');

/** Terraform version the repo is developed and tested with. */
export const requiredTerraformVersion = '1.11.4';

/** Provider mirror used when present (override with TF_PROVIDER_MIRROR). */
export function providerMirror(env: NodeJS.ProcessEnv = process.env): string {
  return env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
}

/**
 * Environment variables for a terraform child process: TF_CLI_CONFIG_FILE points at the repo's
 * CLI config (mirror when it exists, registry otherwise) and TF_PLUGIN_CACHE_DIR at a shared cache
 * so repeated `terraform init` runs do not download or copy providers again.
 */
export function terraformCliEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const mirror = providerMirror(base);
  const useMirror = existsSync(join(mirror, 'registry.terraform.io'));
  const cacheDir = base.TF_PLUGIN_CACHE_DIR ?? join(homedir(), '.terraform.d', 'plugin-cache');
  mkdirSync(cacheDir, { recursive: true });
  return {
    ...base,
    TF_CLI_CONFIG_FILE: useMirror ? mirrorConfig(mirror) : join(terraformDir, 'cli.registry.tfrc'),
    TF_PLUGIN_CACHE_DIR: cacheDir,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
}

/** The committed cli.tfrc names /opt/tf-plugins; another mirror path gets a generated copy. */
function mirrorConfig(mirror: string): string {
  if (resolve(mirror) === '/opt/tf-plugins') return join(terraformDir, 'cli.tfrc');
  const file = join(tmpdir(), 'fintrack-terraform-cli.tfrc');
  const aws = 'registry.terraform.io/hashicorp/aws';
  writeFileSync(
    file,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirror))}\n    include = ["${aws}"]\n  }\n  direct {\n    exclude = ["${aws}"]\n  }\n}\n`,
  );
  return file;
}
