/**
 * `npm run -s tf:migrate-layers -- <env> [--state <file>]` (usage in scripts/commands/tf-migrate-layers.ts)
 *
 * Reads an environment's single Terraform state (a file, or pulled from its state bucket), plans
 * the `terraform state mv` of every resource into its layer's state (scripts/tf-migrate/plan-moves.ts)
 * and prints the bash script that does it (scripts/tf-migrate/migration-script.ts). A resource no
 * layer owns stops it before anything is printed: the script is only ever complete.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { EXIT, isEntry, parseCommand, usageError, type CommandOutput } from './cli.ts';
import { TF_MIGRATE_LAYERS_SPEC } from './commands/tf-migrate-layers.ts';
import { repoRoot, terraformCliEnv, terraformDir } from './tf-cli.ts';
import { monolithStateKey, terraformEnvironments, type TerraformEnvironment } from './tf-layers.ts';
import { migrationScript } from './tf-migrate/migration-script.ts';
import { planLayerMoves } from './tf-migrate/plan-moves.ts';
import { parseStateFile } from './tf-migrate/state-file.ts';

/** State bucket of an environment: `<prefix>-tfstate-<account>` (terraform/modules/state-bucket `aws_s3_bucket.state`). */
export const stateBucketName = (env: TerraformEnvironment, accountId: string): string => `fintrack-${env}-tfstate-${accountId}`;

const catalogFacts = z.object({ accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'), region: z.string().min(1) });

/** Account and region of an environment, from the catalog.json synth writes into its Terraform folder. */
export function environmentFacts(
  env: TerraformEnvironment,
  dir: string = terraformDir,
): { accountId: string; region: string } | { error: string } {
  const file = join(dir, 'environments', env, 'catalog.json');
  const shown = relative(repoRoot, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `${shown}: (root): ${(e as Error).message}` };
  }
  const parsed = catalogFacts.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${shown}: ${i.path.join('.')}: ${i.message}`).join('\n') };
  return parsed.data;
}

/** Pulls the old state through a throw-away S3 backend configuration (the same the generated script uses). */
function pullState(bucket: string, region: string): { text: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fintrack-tf-migrate-'));
  try {
    writeFileSync(join(dir, 'backend.tf'), 'terraform {\n  backend "s3" {}\n}\n');
    const env = terraformCliEnv();
    const run = (args: string[]) => spawnSync('terraform', [`-chdir=${dir}`, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
    const backend = [`bucket=${bucket}`, `key=${monolithStateKey}`, `region=${region}`, 'encrypt=true', 'use_lockfile=true'];
    const init = run(['init', '-input=false', '-no-color', ...backend.map((b) => `-backend-config=${b}`)]);
    if (init.error || init.status !== 0) return { error: `terraform init of the S3 backend failed: ${init.error?.message ?? init.stderr}` };
    const pull = run(['state', 'pull']);
    if (pull.error || pull.status !== 0) return { error: `terraform state pull failed: ${pull.error?.message ?? pull.stderr}` };
    return { text: pull.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The script for `env` from the state text read from `source`, or the errors that stop it. */
export function migrationFor(
  env: TerraformEnvironment,
  text: string,
  source: string,
  facts: { accountId: string; region: string },
): CommandOutput {
  const snapshot = parseStateFile(text, source);
  if ('errors' in snapshot) return { exitCode: EXIT.usage, out: [], err: [...snapshot.errors] };
  const plan = planLayerMoves(snapshot.resources, source);
  if (plan.errors.length) return { exitCode: EXIT.usage, out: [], err: [...plan.errors] };
  const target = {
    env,
    bucket: stateBucketName(env, facts.accountId),
    region: facts.region,
    lineage: snapshot.lineage,
    serial: snapshot.serial,
    source,
  };
  return { exitCode: EXIT.ok, out: [migrationScript(target, plan)], err: [] };
}

/** CLI entry point: the lines to print and the exit code. */
export function main(argv: readonly string[]): CommandOutput {
  const parsed = parseCommand(TF_MIGRATE_LAYERS_SPEC, argv);
  if (!parsed.ok) return parsed;
  const [env = ''] = parsed.positionals;
  if (!(terraformEnvironments as readonly string[]).includes(env))
    return usageError(TF_MIGRATE_LAYERS_SPEC, `unknown environment "${env}": expected one of ${terraformEnvironments.join(', ')}`);
  const environment = env as TerraformEnvironment;
  const facts = environmentFacts(environment);
  if ('error' in facts) return { exitCode: EXIT.usage, out: [], err: [facts.error] };
  const file = parsed.values.state;
  let text: string;
  let source: string;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { exitCode: EXIT.usage, out: [], err: [`${file}: (root): cannot read: ${(e as Error).message}`] };
    }
    source = file;
  } else {
    source = `s3://${stateBucketName(environment, facts.accountId)}/${monolithStateKey}`;
    const pulled = pullState(stateBucketName(environment, facts.accountId), facts.region);
    if ('error' in pulled) return { exitCode: EXIT.usage, out: [], err: [`${source}: (root): ${pulled.error}`] };
    text = pulled.text;
  }
  return migrationFor(environment, text, source, facts);
}

if (isEntry(import.meta.url)) {
  const result = main(process.argv.slice(2));
  // The script goes to stdout as one block so `> migrate.sh` captures exactly it.
  for (const line of result.out) process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
  for (const line of result.err) console.error(line);
  process.exitCode = result.exitCode;
}
