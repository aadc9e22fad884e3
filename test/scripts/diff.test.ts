/**
 * `npm run diff` on fixture repositories: dist/ committed on main, changed on a branch or in the
 * working tree, then diffed. Output is asserted line for line.
 */
import { existsSync, readdirSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../../scripts/diff/command.ts';
import { gitRepo, type GitRepo } from '../support/git-repo.ts';

let repo: GitRepo;
let distRepo: { repo: GitRepo; base: string } | undefined;
let large: GitRepo | undefined;
afterAll(() => {
  distRepo?.repo.dispose();
  large?.dispose();
});

/**
 * A repository whose main branch holds a copy of the real dist/. Committed once per file and put
 * back to that commit for each test (main recreated at it and checked out, untracked files cleaned, other branches deleted): copying
 * and hashing the whole dist/ per test costs more than every assertion here.
 */
function repoWithDist(): GitRepo {
  if (!distRepo) {
    const r = gitRepo();
    r.copyFromRepo('dist');
    r.commit('dist');
    distRepo = { repo: r, base: r.git('rev-parse', 'HEAD').trim() };
  }
  const { repo: r, base } = distRepo;
  r.git('checkout', '-q', '-f', '-B', 'main', base);
  r.git('clean', '-q', '-f', '-d', '-x');
  for (const branch of r.git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean))
    if (branch !== 'main') r.git('branch', '-q', '-D', branch);
  return r;
}

const head = (r: GitRepo, ref = 'HEAD'): string => r.git('rev-parse', ref).trim().slice(0, 12);

describe('npm run diff', () => {
  it('shows an Image Updater tag bump as exactly one line', () => {
    // GIVEN a branch whose only change is the tag Image Updater wrote into a kustomization
    repo = repoWithDist();
    const base = head(repo);
    repo.git('checkout', '-q', '-b', 'bump');
    repo.edit('dist/prod/reconciliation-service/kustomization.yaml', 'newTag: main-487', 'newTag: main-488');
    repo.commit('bump');

    // WHEN diffing against the default base
    const result = diff({ cwd: repo.root });

    // THEN one line names the environment, the app and both tags
    expect(result).toEqual({
      exitCode: 0,
      out: ['prod/reconciliation-service: image reconciliation-service main-487 → main-488'],
      err: [`dist/ at merge-base HEAD main (${base}) → working tree: 1 app(s), 0 added, 0 removed, 1 changed`],
    });
  });

  it('renders a tag bump as a one-bullet pull-request comment', () => {
    // GIVEN the same tag bump
    repo = repoWithDist();
    const base = head(repo);
    repo.git('checkout', '-q', '-b', 'bump');
    repo.edit('dist/prod/reconciliation-service/kustomization.yaml', 'newTag: main-487', 'newTag: main-488');
    repo.commit('bump');

    // WHEN rendering Markdown against an explicit base
    const result = diff({ cwd: repo.root, base: 'main', markdown: true });

    // THEN counts come first and the bump is a visible bullet inside the open prod section
    expect(result.exitCode).toBe(0);
    expect(result.out.join('\n')).toBe(
      [
        '### Rendered diff of `dist/`',
        '',
        `Base \`main\` (\`${base}\`) → this change: **1 app**, 1 changed.`,
        '',
        '| environment | apps | added | removed | changed |',
        '|---|--:|--:|--:|--:|',
        '| **prod** | 1 | 0 | 0 | 1 |',
        '',
        '<details open><summary><b>prod</b>: 1 app, 1 changed</summary>',
        '',
        '- <code>reconciliation-service</code>: image reconciliation-service main-487 → main-488',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  it('lists only the objects of an added service and its Application', () => {
    // GIVEN a branch adding a copy of a rendered service (picked from dist/, named like no real one)
    repo = repoWithDist();
    const source = readdirSync('dist/prod')
      .filter((d) => existsSync(`dist/prod/${d}/deployment-${d}.yaml`))
      .sort()[0]!;
    const copy = 'zz-diff-copy';
    repo.git('checkout', '-q', '-b', 'copy');
    const added: string[] = [];
    for (const file of repo.git('ls-files', `dist/prod/${source}`).trim().split('\n')) {
      const target = file.replaceAll(source, copy);
      const text = repo.read(file).replaceAll(source, copy);
      repo.write(target, text);
      const obj = load(text) as { kind?: string; metadata?: { name?: string; namespace?: string } };
      const ns = obj.metadata?.namespace;
      if (obj.kind && obj.kind !== 'Kustomization')
        added.push(`prod/${copy}: + ${obj.kind}/${obj.metadata?.name}${ns ? ` (namespace ${ns})` : ''}`);
    }
    repo.write(
      `dist/prod/argocd-apps/application-${copy}.yaml`,
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${copy}\n  namespace: argocd\nspec:\n  source:\n    path: dist/prod/${copy}\n`,
    );
    repo.commit(copy);

    // WHEN diffing
    const result = diff({ cwd: repo.root });

    // THEN every new object is listed under its app, and nothing else
    expect(added.length).toBeGreaterThan(1);
    expect(result.out).toEqual([`prod/argocd-apps: + Application/${copy} (namespace argocd)`, ...added.sort()]);
  });

  it('shows an object removed in the working tree, on main, against HEAD', () => {
    // GIVEN main with an uncommitted deletion
    repo = repoWithDist();
    repo.remove('dist/prod/payments-service/poddisruptionbudget-payments-service.yaml');

    // WHEN diffing on main (the merge-base with main is HEAD)
    const result = diff({ cwd: repo.root });

    // THEN the removal is listed
    expect(result.out).toEqual(['prod/payments-service: - PodDisruptionBudget/payments-service (namespace payments)']);
  });

  it('falls back to HEAD when there is no main branch', () => {
    // GIVEN a repository whose only branch is trunk, with an uncommitted deletion
    repo = repoWithDist();
    repo.git('branch', '-m', 'main', 'trunk');
    repo.remove('dist/dev/user-service/service-user-service.yaml');

    // WHEN diffing with the default base
    const result = diff({ cwd: repo.root });

    // THEN HEAD is the base
    expect(result.out).toEqual(['dev/user-service: - Service/user-service (namespace identity)']);
    expect(result.err[0]).toMatch(/^dist\/ at HEAD \([0-9a-f]{12}\) → working tree: 1 app\(s\), 0 added, 1 removed, 0 changed$/);
  });

  it('shows changed fields as dotted paths, keying named list items by name', () => {
    // GIVEN an env var value and a plain field changed in staging
    repo = repoWithDist();
    const file = 'dist/staging/user-service/deployment-user-service.yaml';
    repo.edit(file, '- name: LOG_LEVEL\n          value: info', '- name: LOG_LEVEL\n          value: debug');
    repo.edit(file, 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 60');

    // WHEN diffing
    const result = diff({ cwd: repo.root, base: 'HEAD' });

    // THEN the object is named once and each field is one line beneath it
    expect(result.out).toEqual([
      'staging/user-service: ~ Deployment/user-service (namespace identity)',
      '    spec.template.spec.containers[user-service].env[LOG_LEVEL].value: info → debug',
      '    spec.template.spec.terminationGracePeriodSeconds: 30 → 60',
    ]);
  });

  it('summarises replica and resource changes on one line each, prod before staging', () => {
    // GIVEN HPA bounds and a CPU request changed in prod, and a CPU request in staging
    repo = repoWithDist();
    repo.edit('dist/prod/payments-service/horizontalpodautoscaler-payments-service.yaml', 'minReplicas: 3', 'minReplicas: 4');
    repo.edit('dist/prod/payments-service/horizontalpodautoscaler-payments-service.yaml', 'maxReplicas: 10', 'maxReplicas: 12');
    repo.edit('dist/prod/payments-service/deployment-payments-service.yaml', 'cpu: 250m', 'cpu: 500m');
    repo.edit('dist/staging/payments-service/deployment-payments-service.yaml', /memory: \S+\n(\s+)requests/, 'memory: 2Gi\n$1requests');

    // WHEN diffing
    const result = diff({ cwd: repo.root });

    // THEN each kind of change is one line, grouped by environment
    expect(result.out).toEqual([
      'prod/payments-service: resources Deployment/payments-service payments-service: requests.cpu 250m → 500m',
      'prod/payments-service: replicas HorizontalPodAutoscaler/payments-service maxReplicas 10 → 12, minReplicas 3 → 4',
      expect.stringMatching(
        /^staging\/payments-service: resources Deployment\/payments-service payments-service: limits\.memory \S+ → 2Gi$/,
      ),
    ]);
  });

  it('says so when nothing changed', () => {
    // GIVEN a clean checkout
    repo = repoWithDist();

    // WHEN diffing
    const result = diff({ cwd: repo.root });

    // THEN
    expect(result.out).toEqual(['no changes in dist/']);
  });

  it('fails on an unknown base ref', () => {
    // GIVEN a repository
    repo = repoWithDist();

    // WHEN the base does not exist
    const result = diff({ cwd: repo.root, base: 'origin/nope' });

    // THEN exit 2 with the ref named
    expect(result).toEqual({ exitCode: 2, out: [], err: ['diff: unknown base ref "origin/nope"'] });
  });
});

describe('npm run diff -- --markdown on a 500-object change', () => {
  const ENVS = ['dev', 'staging', 'prod'];
  const configMap = (env: string, app: string, i: number, value: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-${i}\n  namespace: ${app}\ndata:\n  settings: ${value}\n  region: us-east-1\n`;

  /** 3 environments × 10 apps × ~17 ConfigMaps = 500 objects, each with a long value changed (built once; the tests only read it). */
  function largeChange(): GitRepo {
    if (large) return large;
    const r = gitRepo();
    large = r;
    const each = (fn: (env: string, app: string, i: number) => void): void => {
      let n = 0;
      for (const env of ENVS)
        for (let a = 0; a < 10; a++) for (let i = 0; i < 17 && n < 500; i++, n++) fn(env, `app-${String(a).padStart(2, '0')}`, i);
    };
    each((env, app, i) => r.write(`dist/${env}/${app}/configmap-${app}-${i}.yaml`, configMap(env, app, i, 'a'.repeat(100))));
    r.commit('base');
    each((env, app, i) => r.write(`dist/${env}/${app}/configmap-${app}-${i}.yaml`, configMap(env, app, i, 'b'.repeat(100))));
    return r;
  }

  it('puts complete counts first, prod first, collapsed sections, and truncates under the cap with a note', () => {
    // GIVEN 500 changed objects, far more text than one comment may hold
    repo = largeChange();

    // WHEN rendering Markdown with the default cap
    const md = diff({ cwd: repo.root, base: 'HEAD', markdown: true }).out.join('\n');

    // THEN the counts are complete and come before any section
    expect(md.length).toBeLessThanOrEqual(45_000);
    const lines = md.split('\n');
    expect(lines[2]).toMatch(/this change: \*\*30 apps\*\*, 500 changed\.$/);
    expect(lines.slice(6, 9)).toEqual(['| **prod** | 10 | 0 | 0 | 160 |', '| staging | 10 | 0 | 0 | 170 |', '| dev | 10 | 0 | 0 | 170 |']);
    // AND prod's section comes first and is the only one open
    const firstSection = md.indexOf('<details');
    expect(md.slice(firstSection)).toMatch(/^<details open><summary><b>prod<\/b>: 10 apps, 160 changed<\/summary>/);
    expect(md.match(/<details open>/g)).toHaveLength(1);
    // AND each app is a collapsed section whose body is a diff block
    expect(md).toContain(
      '<details><summary><code>app-00</code>: 17 changed</summary>\n\n```diff\n~ ConfigMap/app-00-0 (namespace app-00)\n    data.settings: aaaa',
    );
    // AND the rest is cut with a note saying how much
    expect(md).toMatch(
      /> Truncated to stay under 45000 characters: \d+ Applications \(\d+ objects\) not shown\. The counts above are complete; run `npm run diff -- --base HEAD` for the full diff\.$/,
    );
    expect(md.split('<details').length - 1).toBe(md.split('</details>').length - 1);
  });

  it('shows every section when the cap allows', () => {
    // GIVEN the same 500-object change
    repo = largeChange();

    // WHEN the cap is raised
    const md = diff({ cwd: repo.root, base: 'HEAD', markdown: true, maxChars: 1_000_000 }).out.join('\n');

    // THEN all 30 apps appear, environments in prod, staging, dev order, and nothing is truncated
    expect(md.match(/<summary><code>/g)).toHaveLength(30);
    const envOrder = [...md.matchAll(/<summary><b>(\w+)<\/b>/g)].map((m) => m[1]);
    expect(envOrder).toEqual(['prod', 'staging', 'dev']);
    expect(md).not.toContain('Truncated');
  });
});
