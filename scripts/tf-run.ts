/**
 * `npm run tf -- <dir> <terraform args…>`: runs terraform in terraform/<dir> (e.g.
 * `environments/prod`, or just `prod`) with the repo CLI configuration from scripts/tf-cli.ts
 * (offline provider mirror when present, plugin cache). Example: `npm run tf -- prod plan`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { terraformCliEnv, terraformDir } from './tf-cli.ts';

const [target, ...args] = process.argv.slice(2);
if (!target) {
  console.error('usage: tf <environments/<env> | modules/<name> | dev | staging | prod> <terraform args…>');
  process.exit(2);
}
const dir = ['dev', 'staging', 'prod'].includes(target) ? join(terraformDir, 'environments', target) : join(terraformDir, target);
if (!existsSync(dir)) {
  console.error(`tf: no such directory ${dir}`);
  process.exit(2);
}
const r = spawnSync('terraform', [`-chdir=${dir}`, ...args], { stdio: 'inherit', env: terraformCliEnv() });
if (r.error) console.error(`tf: cannot run terraform (${r.error.message}); install Terraform 1.11.4`);
process.exit(r.status ?? 1);
