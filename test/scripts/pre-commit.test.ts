/**
 * The real pre-commit hook (scripts/hooks/pre-commit), installed by the real `prepare` script,
 * in a fixture project whose `npm run synth` renders dist/ from one source file.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepo, type GitRepo } from '../support/git-repo.ts';

const PREPARE = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.prepare;
const HINT = 'dist/ is stale: run npm run synth and git add dist';

/** Renders `source.txt` into dist/prod/app/configmap-app.yaml, like synth renders the catalog. */
const FAKE_SYNTH = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const value = readFileSync('source.txt', 'utf8').trim();
if (value === 'invalid') { console.error('source.txt:1: value: must not be "invalid"'); process.exit(1); }
mkdirSync('dist/prod/app', { recursive: true });
writeFileSync('dist/prod/app/configmap-app.yaml', 'kind: ConfigMap\\ndata:\\n  value: ' + value + '\\n');
`;

let repo: GitRepo;
afterEach(() => repo?.dispose());

/** A fixture project with the real hook scripts, hooks installed through `npm run prepare`, dist/ in sync. */
function project(): GitRepo {
  const r = gitRepo();
  r.write(
    'package.json',
    JSON.stringify({ name: 'fixture', private: true, type: 'module', scripts: { synth: 'node synth.mjs', prepare: PREPARE } }, null, 2),
  );
  r.write('synth.mjs', FAKE_SYNTH);
  r.write('source.txt', 'one\n');
  r.copyFromRepo('scripts/hooks');
  npm(r.root, 'run', 'prepare');
  npm(r.root, 'run', 'synth');
  r.commit('initial, rendered');
  return r;
}

function npm(cwd: string, ...args: string[]): void {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${r.stderr}`);
}

/** `git commit` with hooks enabled; returns its exit code and standard error. */
function commit(r: GitRepo, ...args: string[]): { status: number | null; stderr: string } {
  const res = spawnSync('git', ['commit', '-q', '-m', 'change', ...args], {
    cwd: r.root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'F',
      GIT_AUTHOR_EMAIL: 'f@example.com',
      GIT_COMMITTER_NAME: 'F',
      GIT_COMMITTER_EMAIL: 'f@example.com',
    },
  });
  return { status: res.status, stderr: res.stderr };
}

const commits = (r: GitRepo): number => Number(r.git('rev-list', '--count', 'HEAD').trim());

describe('pre-commit hook', () => {
  it('is installed by prepare as core.hooksPath', () => {
    // GIVEN a fixture project after `npm run prepare`
    repo = project();

    // THEN git runs hooks from scripts/hooks
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('scripts/hooks');
  });

  it('fails a commit of a source change without its rendered dist/', () => {
    // GIVEN a source change staged alone
    repo = project();
    repo.write('source.txt', 'two\n');
    repo.git('add', 'source.txt');

    // WHEN committing
    const result = commit(repo);

    // THEN the commit is refused with the one-line hint, and nothing was committed
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(HINT);
    expect(commits(repo)).toBe(1);
  });

  it('fails a commit when synth creates a file that is not staged', () => {
    // GIVEN a committed source change whose rendered file was deleted from dist/
    repo = project();
    repo.remove('dist');
    repo.git('add', '-A');

    // WHEN committing (synth recreates the file, untracked)
    const result = commit(repo);

    // THEN refused
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(HINT);
  });

  it('fails with synth’s own errors when synth fails', () => {
    // GIVEN invalid source
    repo = project();
    repo.write('source.txt', 'invalid\n');
    repo.git('add', 'source.txt');

    // WHEN committing
    const result = commit(repo);

    // THEN synth's message is shown and the commit refused
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('source.txt:1: value: must not be "invalid"');
    expect(result.stderr).toContain('pre-commit: npm run synth failed; fix the errors above (or skip with git commit --no-verify)');
  });

  it('accepts a commit with the source change and its rendered dist/ staged', () => {
    // GIVEN the source change rendered and staged together
    repo = project();
    repo.write('source.txt', 'two\n');
    npm(repo.root, 'run', 'synth');
    repo.git('add', '-A');

    // WHEN committing
    const result = commit(repo);

    // THEN it is committed
    expect(result).toEqual({ status: 0, stderr: '' });
    expect(commits(repo)).toBe(2);
  });

  it('is skipped by git commit --no-verify', () => {
    // GIVEN a stale commit
    repo = project();
    repo.write('source.txt', 'two\n');
    repo.git('add', 'source.txt');

    // WHEN committing with --no-verify
    const result = commit(repo, '--no-verify');

    // THEN it is committed anyway
    expect(result.status).toBe(0);
    expect(commits(repo)).toBe(2);
  });
});

describe('prepare', () => {
  it('does nothing and succeeds outside a git work tree', () => {
    // GIVEN a project without .git (a CI artefact, a Docker build context)
    const dir = mkdtempSync(join(tmpdir(), 'fintrack-nogit-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      cpSync('scripts/hooks', join(dir, 'scripts/hooks'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', private: true, scripts: { prepare: PREPARE } }));
      chmodSync(join(dir, 'scripts/hooks/install.sh'), 0o755);

      // WHEN npm runs prepare with git unable to find a repository
      const r = spawnSync('npm', ['run', '--silent', 'prepare'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() },
      });

      // THEN it succeeds silently
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
