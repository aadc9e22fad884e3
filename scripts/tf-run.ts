/**
 * `npm run tf -- <dir> <terraform args…>`: runs terraform in terraform/<dir> (e.g.
 * `environments/prod/data`, or `prod data`) with the repo CLI configuration from scripts/tf-cli.ts
 * (offline provider mirror when present, plugin cache). Usage in scripts/commands/tf.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, finish, isEntry, usageError, type CommandOutput } from './cli.ts';
import { TF_SPEC } from './commands/tf.ts';
import { terraformCliEnv, terraformDir } from './tf-cli.ts';
import { layerDir, layers, terraformEnvironments, type Layer, type TerraformEnvironment } from './tf-layers.ts';

/** The folder the first arguments name and how many arguments that took, or a usage error; `--help` first prints usage. */
export function tfTarget(argv: readonly string[]): { dir: string; used: number } | CommandOutput {
  const [target, second] = argv;
  // Only the folder arguments are ours: `npm run tf -- prod data plan -help` is terraform's help.
  if (target === '--help' || target === '-h') return { exitCode: EXIT.ok, out: [TF_SPEC.usage], err: [] };
  if (!target) return usageError(TF_SPEC, 'missing the terraform folder');
  if (target.startsWith('-')) return usageError(TF_SPEC, `expected a folder first, got option "${target}"`);
  if ((terraformEnvironments as readonly string[]).includes(target)) {
    if (!(layers as readonly string[]).includes(second ?? ''))
      return usageError(
        TF_SPEC,
        `${target}: name a layer after the environment (${layers.join(', ')}), got ${second === undefined ? 'nothing' : `"${second}"`}`,
      );
    return { dir: join(terraformDir, layerDir(target as TerraformEnvironment, second as Layer)), used: 2 };
  }
  const dir = join(terraformDir, target);
  return existsSync(dir) ? { dir, used: 1 } : usageError(TF_SPEC, `no such directory ${dir}`);
}

if (isEntry(import.meta.url)) {
  const target = tfTarget(process.argv.slice(2));
  if ('exitCode' in target) finish(target);
  else {
    const args = process.argv.slice(2 + target.used);
    const r = spawnSync('terraform', [`-chdir=${target.dir}`, ...args], { stdio: 'inherit', env: terraformCliEnv() });
    if (r.error)
      finish({ exitCode: EXIT.usage, out: [], err: [`tf: cannot run terraform (${r.error.message}); install Terraform 1.11.4`] });
    else process.exitCode = r.status ?? EXIT.usage;
  }
}
