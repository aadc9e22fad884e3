/**
 * `npm run tf -- <dir> <terraform args…>`: runs terraform in terraform/<dir> (e.g.
 * `environments/prod`, or just `prod`) with the repo CLI configuration from scripts/tf-cli.ts
 * (offline provider mirror when present, plugin cache). Usage in scripts/commands/tf.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, finish, isEntry, usageError, type CommandOutput } from './cli.ts';
import { TF_SPEC } from './commands/tf.ts';
import { terraformCliEnv, terraformDir } from './tf-cli.ts';

/** The folder `target` names, or a usage error; `--help` anywhere before terraform's own arguments prints usage. */
export function tfTarget(argv: readonly string[]): string | CommandOutput {
  const [target] = argv;
  // Only the first argument is ours: `npm run tf -- prod plan -help` is terraform's help.
  if (target === '--help' || target === '-h') return { exitCode: EXIT.ok, out: [TF_SPEC.usage], err: [] };
  if (!target) return usageError(TF_SPEC, 'missing the terraform folder');
  if (target.startsWith('-')) return usageError(TF_SPEC, `expected a folder first, got option "${target}"`);
  const dir = ['dev', 'staging', 'prod'].includes(target) ? join(terraformDir, 'environments', target) : join(terraformDir, target);
  return existsSync(dir) ? dir : usageError(TF_SPEC, `no such directory ${dir}`);
}

if (isEntry(import.meta.url)) {
  const dir = tfTarget(process.argv.slice(2));
  if (typeof dir === 'object') finish(dir);
  else {
    const r = spawnSync('terraform', [`-chdir=${dir}`, ...process.argv.slice(3)], { stdio: 'inherit', env: terraformCliEnv() });
    if (r.error)
      finish({ exitCode: EXIT.usage, out: [], err: [`tf: cannot run terraform (${r.error.message}); install Terraform 1.11.4`] });
    else process.exitCode = r.status ?? EXIT.usage;
  }
}
