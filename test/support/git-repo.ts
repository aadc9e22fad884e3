/**
 * Throw-away git repositories for tests of the git-facing scripts (diff, pre-commit hook).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary git repository on branch `main` with a committer configured. */
export interface GitRepo {
  readonly root: string;
  /** Runs git in the repository and returns its standard output. */
  git(...args: string[]): string;
  /** Writes a file (creating folders). */
  write(file: string, content: string): void;
  /** Reads a file. */
  read(file: string): string;
  /** Replaces `search` with `replace` in a file (fails if absent). */
  edit(file: string, search: string | RegExp, replace: string): void;
  /** Deletes a file or folder. */
  remove(file: string): void;
  /** Copies a folder of the real repository into the fixture. */
  copyFromRepo(folder: string): void;
  /** `git add -A && git commit -m message`. */
  commit(message: string): void;
  /** Removes the repository. */
  dispose(): void;
}

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

const gitIn =
  (root: string) =>
  (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Creates an empty repository whose first branch is `main`. */
export function gitRepo(): GitRepo {
  const root = mkdtempSync(join(tmpdir(), 'fintrack-git-'));
  const git = gitIn(root);
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return at(root);
}

function at(root: string): GitRepo {
  const path = (file: string): string => join(root, file);
  const git = gitIn(root);
  return {
    root,
    git,
    write(file, content) {
      mkdirSync(dirname(path(file)), { recursive: true });
      writeFileSync(path(file), content);
    },
    read(file) {
      return readFileSync(path(file), 'utf8');
    },
    edit(file, search, replace) {
      const before = readFileSync(path(file), 'utf8');
      const after = before.replace(search, replace);
      if (after === before) throw new Error(`fixture edit found nothing to replace in ${file}: ${String(search)}`);
      writeFileSync(path(file), after);
    },
    remove(file) {
      rmSync(path(file), { recursive: true, force: true });
    },
    copyFromRepo(folder) {
      cpSync(folder, path(folder), { recursive: true });
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
