/**
 * `npm run image`: read or set the tag a service runs in one environment. The tag lives in one
 * place, `dist/<env>/<service>/kustomization.yaml` `images:`, and is written exactly as Image
 * Updater's write-back writes it (see set-tag.ts), so `npm run diff` shows it as one line and the
 * next synth keeps it byte-for-byte.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadCatalog } from '../../apps/catalog.ts';
import { CatalogError, formatIssue } from '../../apps/issues.ts';
import { imageTag } from '../../apps/schema/common.ts';
import { TRACKED_TAGS } from '../../apps/schema/service.ts';
import { parseCommand } from '../cli.ts';
import { IMAGE_SPEC } from '../commands/image.ts';
import { setImageTag } from './set-tag.ts';

/** Usage text. */
export const USAGE = IMAGE_SPEC.usage;

/** Outcome: exit code 0 (done), 2 (usage or input error); lines for stdout and stderr. */
export interface ImageResult {
  readonly exitCode: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
}

const fail = (message: string, usage = false): ImageResult => ({
  exitCode: 2,
  out: [],
  err: [`image: ${message}`, ...(usage ? [USAGE] : [])],
});

/** Runs `image <args>` in `cwd` (catalog in apps/, output in dist/). */
export function image(args: readonly string[], cwd = process.cwd()): ImageResult {
  const parsed = parseCommand(IMAGE_SPEC, args);
  if (!parsed.ok) return parsed;
  const [verb, envName, serviceName, tag] = parsed.positionals;
  if (!((verb === 'get' && parsed.positionals.length === 3) || (verb === 'set' && parsed.positionals.length === 4)))
    return fail('expected get <env> <service> or set <env> <service> <tag>', true);
  let catalog;
  try {
    catalog = loadCatalog({ root: join(cwd, 'apps'), cwd });
  } catch (e) {
    if (e instanceof CatalogError) return fail(`the catalog is invalid:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    throw e;
  }
  const env = catalog.environments.find((e) => e.spec.name === envName);
  if (!env) return fail(`unknown environment "${envName}": expected one of ${catalog.environments.map((e) => e.spec.name).join(', ')}`);
  const service = catalog.services.find((s) => s.spec.name === serviceName);
  if (!service) return fail(`unknown service "${serviceName}": no apps/services/${serviceName}.yaml`);
  const file = join('dist', env.spec.name, service.spec.name, 'kustomization.yaml');
  const path = join(cwd, file);
  if (!existsSync(path)) return fail(`${file} does not exist: run npm run synth first`);
  const name = env.names.ecrRepositoryUri(service.spec.image.repository);
  const text = readFileSync(path, 'utf8');
  const entry = ((load(text) as { images?: { name?: string; newTag?: string; digest?: string }[] } | null)?.images ?? []).find(
    (i) => i.name === name,
  );
  const current = entry?.newTag ?? entry?.digest;
  if (verb === 'get')
    return current === undefined ? fail(`${file}: no images: entry for ${name}`) : { exitCode: 0, out: [current], err: [] };

  const wanted = String(tag);
  const valid = imageTag.safeParse(wanted);
  if (!valid.success) return fail(`tag "${wanted}" ${valid.error.issues[0]?.message ?? 'is invalid'}`);
  const allowed = TRACKED_TAGS[service.spec.image.track];
  if (!new RegExp(allowed).test(wanted))
    return fail(`tag "${wanted}" does not match ${allowed}, the tags ${service.file} image.track (${service.spec.image.track}) allows`);
  if (service.spec.image.ignoreTags.includes(wanted)) return fail(`tag "${wanted}" is listed in image.ignoreTags of ${service.file}`);
  if (current === wanted) return { exitCode: 0, out: [`${file}: ${name} already at ${wanted}`], err: [] };
  const tmp = `${path}.image-tmp-${process.pid}`;
  writeFileSync(tmp, setImageTag(text, name, wanted));
  renameSync(tmp, path);
  return {
    exitCode: 0,
    out: [`${file}: ${name} ${current ?? '(none)'} → ${wanted}`, 'review with npm run diff, then commit dist/'],
    err: [],
  };
}
