/**
 * Terraform results remembered by the digest of everything they read, so an unchanged module's
 * `terraform test` or an unchanged environment's offline plan is not recomputed on every run of
 * the suite (each costs 5 to 25 s of CPU). A result is stored only after it passed, under
 * build/terraform-cache/ (git-ignored, per machine). The digest covers the files Terraform reads
 * (the root folder, every local module it sources, every file() it reads, transitively), the
 * Terraform version, the CLI configuration and the provider binary's size and time; when a file()
 * path cannot be resolved statically, the whole terraform/ folder is hashed instead.
 *
 * CI (CI=true) and FINTRACK_TF_CACHE=off never read the cache: there every result is recomputed.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { providerMirror, repoRoot, terraformCliEnv } from '../../scripts/tf-cli.ts';

/** Whether cached results may be used in this run. */
export const cacheEnabled = process.env.CI !== 'true' && process.env.FINTRACK_TF_CACHE !== 'off';

const cacheDir = join(repoRoot, 'build', 'terraform-cache');

let toolchainMemo: string | undefined;

/** Terraform version, CLI configuration and provider binary identity (size and time, not its 700 MB). */
function toolchain(): string {
  if (toolchainMemo !== undefined) return toolchainMemo;
  const env = terraformCliEnv();
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env }).stdout ?? '';
  const config = env.TF_CLI_CONFIG_FILE && existsSync(env.TF_CLI_CONFIG_FILE) ? readFileSync(env.TF_CLI_CONFIG_FILE, 'utf8') : '';
  const binaries: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        binaries.push(`${relative(dir, p)} ${s.size} ${s.mtimeMs}`);
      }
    }
  };
  walk(join(providerMirror(), 'registry.terraform.io'));
  toolchainMemo = [version, config, ...binaries.sort()].join('\n');
  return toolchainMemo;
}

/** Every file under `dir` (recursively), skipping `.terraform` folders and state files. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.terraform' || e.name.includes('.tfstate')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const MODULE_SOURCE = /\bsource\s*=\s*"(\.{1,2}\/[^"]*)"/g;
const FILE_READ = /\b(?:file|templatefile|filebase64|fileexists)\(\s*"([^"]+)"/g;

/**
 * The files a Terraform root reads: its folder, and transitively the folders of the local modules
 * it (or its tests) source and the files its file() calls name. `undefined` when a path is not
 * static (the caller then hashes the whole terraform/ folder).
 */
export function inputsOf(rootDir: string): string[] | undefined {
  const files = new Set<string>();
  const seenDirs = new Set<string>();
  const queue = [resolve(rootDir)];
  while (queue.length > 0) {
    const dir = queue.pop()!;
    if (seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    for (const f of filesUnder(dir)) {
      files.add(f);
      if (!/\.(tf|tftest\.hcl)$/.test(f)) continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(MODULE_SOURCE)) queue.push(resolve(dirname(f).endsWith('/tests') ? rootDir : dir, m[1]!));
      for (const m of text.matchAll(FILE_READ)) {
        const raw = m[1]!.replace('${path.module}', dir).replace('${path.root}', rootDir);
        if (raw.includes('${')) return undefined;
        const p = resolve(rootDir, raw);
        if (existsSync(p)) files.add(p);
      }
    }
  }
  return [...files].sort();
}

/** Digest of the given files (path relative to `base`, and bytes), extra strings and the toolchain. */
export function digestOf(files: readonly string[], base: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  hash.update(toolchain()).update('\0');
  for (const x of extra) hash.update(x).update('\0');
  for (const f of files) hash.update(relative(base, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/** Digest of a root's inputs, or of the whole terraform/ folder it lives in when they cannot be listed. */
export function rootDigest(rootDir: string, terraformRoot: string, extra: readonly string[] = []): string {
  return digestOf(inputsOf(rootDir) ?? filesUnder(terraformRoot).sort(), terraformRoot, extra);
}

/** The file a result named `name` is stored in. */
const cacheFile = (name: string): string => join(cacheDir, `${name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`);

/** A stored result for `name` whose digest is `digest`, if caching is on and one exists. */
export function readCached<T>(name: string, digest: string): T | undefined {
  if (!cacheEnabled) return undefined;
  const file = cacheFile(name);
  if (!existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { digest: string; value: T };
    return stored.digest === digest ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a passing result for `name` (replacing the file, never half-written). */
export function writeCached(name: string, digest: string, value: unknown): void {
  mkdirSync(cacheDir, { recursive: true });
  const file = cacheFile(name);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ digest, value }));
  renameSync(tmp, file);
}
