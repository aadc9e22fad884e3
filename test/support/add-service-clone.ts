/**
 * README "Add a service" step 1 in a scratch clone of the repository: the tracked files copied
 * (node_modules linked), and one catalog service copied under a new name. Which service is copied
 * is chosen at run time (any non-public, non-GPU service with a queue and secrets), so no test
 * depends on today's catalog.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';

/** The fields of a service file the walkthrough reads. */
export interface ServiceFile {
  readonly name: string;
  readonly image: { readonly repository: string };
  readonly network?: { readonly public?: boolean };
  readonly placement?: string;
  readonly secrets?: readonly { readonly key: string; readonly property: string }[];
  readonly aws?: { readonly rdsIamUser?: string | null; readonly sqs?: readonly { readonly queue: string; readonly access: string }[] };
}

/** A scratch clone with one service added. */
export interface AddedServiceClone {
  /** The clone's root. */
  readonly root: string;
  /** Name (and ECR repository) of the added service. */
  readonly name: string;
  /** The catalog service it was copied from. */
  readonly template: ServiceFile;
}

/** Copies the tracked files (not node_modules, not .git) into a new folder and links node_modules. */
export function scratchClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fintrack-clone-'));
  const listed = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(file)) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(file, join(dir, file), { verbatimSymlinks: true });
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A scratch clone where `apps/services/<name>.yaml` is a copy of a catalog service under `name`. */
export function cloneWithAddedService(name: string): AddedServiceClone {
  const root = scratchClone();
  const services = readdirSync(join(root, 'apps/services'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: f, spec: load(readFileSync(join(root, 'apps/services', f), 'utf8')) as ServiceFile }));
  const pick = services.find(
    ({ spec }) =>
      !spec.network?.public && spec.placement !== 'gpu-spot' && (spec.aws?.sqs?.length ?? 0) > 0 && (spec.secrets?.length ?? 0) > 0,
  );
  if (!pick) throw new Error('no catalog service with a queue and secrets to copy');
  const template = pick.spec;
  // README step 1: copy a service file; the file name is the service name.
  let text = readFileSync(join(root, 'apps/services', pick.file), 'utf8')
    .replace(new RegExp(`^name: ${template.name}$`, 'm'), `name: ${name}`)
    .replace(`repository: ${template.image.repository}`, `repository: ${name}`);
  if (template.aws?.rdsIamUser) text = text.replace(`rdsIamUser: ${template.aws.rdsIamUser}`, `rdsIamUser: ${name.replace(/-/g, '_')}`);
  writeFileSync(join(root, 'apps/services', `${name}.yaml`), text);
  return { root, name, template };
}
