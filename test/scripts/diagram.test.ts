/**
 * `npm run diagram` and the picture in the diff's PR comment, on a small app-of-apps written here
 * (two projects, three waves, a Helm add-on and a service folder), plus the README's prod block
 * against the committed dist/.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { diagram } from '../../scripts/diagram/command.ts';
import { renderMermaid } from '../../scripts/diagram/mermaid.ts';
import { readBlock, replaceBlock } from '../../scripts/diagram/readme-block.ts';
import { rolloutsOf, syncWave } from '../../scripts/diagram/rollout.ts';
import { diff } from '../../scripts/diff/command.ts';
import { collectObjects } from '../../scripts/diff/objects.ts';
import { gitRepo, type GitRepo } from '../support/git-repo.ts';

const application = (name: string, wave: number, project: string, source: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  annotations:\n    argocd.argoproj.io/sync-wave: "${wave}"\n  name: ${name}\n  namespace: argocd\nspec:\n  project: ${project}\n  source:\n${source}`;
const folder = (path: string): string => `    path: ${path}\n    repoURL: https://example.com/platform.git\n`;
const chart = (name: string, version: string): string =>
  `    chart: ${name}\n    repoURL: https://charts.example.com\n    targetRevision: ${version}\n`;
const project = (name: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  annotations:\n    argocd.argoproj.io/sync-wave: "-10"\n  name: ${name}\n  namespace: argocd\n`;

/** A small prod app-of-apps: path → YAML. */
const FILES: Record<string, string> = {
  'dist/prod/bootstrap/application-root.yaml': application('root', 0, 'bootstrap', folder('dist/prod/argocd')),
  'dist/prod/argocd/appproject-platform-addons.yaml': project('platform-addons'),
  'dist/prod/argocd/appproject-team-books.yaml': project('team-books'),
  'dist/prod/argocd/application-cert-manager.yaml': application('cert-manager', -3, 'platform-addons', chart('cert-manager', 'v1.2.3')),
  'dist/prod/argocd/application-ledger.yaml': application('ledger', 1, 'team-books', folder('dist/prod/ledger')),
  'dist/prod/argocd/application-audit.yaml': application('audit', 1, 'team-books', folder('dist/prod/audit')),
  'dist/prod/ledger/configmap-ledger.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ledger\n  namespace: books\ndata:\n  level: info\n',
};

const objects = (files: Record<string, string>) => [...collectObjects(new Map(Object.entries(files)), 'dist').values()];

let repo: GitRepo | undefined;
afterEach(() => {
  repo?.dispose();
  repo = undefined;
});

function repoWith(files: Record<string, string>): GitRepo {
  const r = gitRepo();
  for (const [file, text] of Object.entries(files)) r.write(file, text);
  r.commit('base');
  return r;
}

describe('npm run diagram', () => {
  it('draws the root, then each wave in order with Applications grouped by project and add-ons with their chart version', () => {
    // GIVEN the small app-of-apps WHEN drawn
    const [rollout] = rolloutsOf(objects(FILES), 'prod');
    // THEN
    expect(renderMermaid(rollout!)).toBe(
      [
        'flowchart TB',
        '  app_root(["root<br/><small>dist/prod/argocd</small>"])',
        '  subgraph wave_m10["wave -10"]',
        '    direction LR',
        '    projects_m10[/"AppProjects<br/>platform-addons<br/>team-books"/]',
        '  end',
        '  subgraph wave_m3["wave -3"]',
        '    direction LR',
        '    subgraph wave_m3_project_platform_addons["project platform-addons"]',
        '      app_cert_manager["cert-manager<br/><small>chart v1.2.3</small>"]',
        '    end',
        '  end',
        '  subgraph wave_1["wave 1"]',
        '    direction LR',
        '    subgraph wave_1_project_team_books["project team-books"]',
        '      app_audit["audit"]',
        '      app_ledger["ledger"]',
        '    end',
        '  end',
        '  app_root --> wave_m10',
        '  wave_m10 --> wave_m3',
        '  wave_m3 --> wave_1',
      ].join('\n'),
    );
  });

  it('reads the wave as Argo CD does: an integer annotation, else 0', () => {
    const at = (wave?: string) => ({ metadata: { annotations: wave === undefined ? {} : { 'argocd.argoproj.io/sync-wave': wave } } });
    expect([at('-3'), at('2'), at(undefined), at('soon'), at('1.5')].map(syncWave)).toEqual([-3, 2, 0, 0, 0]);
  });

  it('highlights added and changed Applications against --base', () => {
    // GIVEN a branch adding an Application and changing what another one syncs
    repo = repoWith(FILES);
    repo.write('dist/prod/argocd/application-risk.yaml', application('risk', 1, 'team-risk', folder('dist/prod/risk')));
    repo.edit('dist/prod/ledger/configmap-ledger.yaml', 'level: info', 'level: debug');

    // WHEN drawing prod against main
    const result = diagram({ env: 'prod', base: 'main' }, repo.root);

    // THEN the new one is green, the changed one yellow, and both are named under the picture
    expect(result.exitCode).toBe(0);
    const out = result.out.join('\n');
    expect(out).toContain('    subgraph wave_1_project_team_risk["project team-risk"]\n      app_risk["risk"]\n    end');
    expect(out).toContain('  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px\n  class app_risk added');
    expect(out).toContain('  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px\n  class app_ledger changed');
    expect(out.endsWith('```\n\nadded (green): `risk` · changed (yellow): `ledger`')).toBe(true);
  });

  it('fails with exit 2 naming an unknown environment', () => {
    repo = repoWith(FILES);
    expect(diagram({ env: 'qa' }, repo.root)).toEqual({
      exitCode: 2,
      out: [],
      err: [
        'diagram: no environment "qa" in dist/ (found prod)',
        expect.stringMatching(/^usage: npm run diagram/),
        '(diagram --help for more)',
      ],
    });
  });

  it('rewrites only the marked README block, and --check fails while it is stale', () => {
    // GIVEN a README with text around an outdated block
    repo = repoWith({ ...FILES, 'README.md': '# x\n\nbefore\n<!-- diagram:prod:start -->\nold\n<!-- diagram:prod:end -->\nafter\n' });

    // WHEN checked, then rewritten, then checked again
    const stale = diagram({ readme: true, check: true }, repo.root);
    const written = diagram({ readme: true }, repo.root);
    const fresh = diagram({ readme: true, check: true }, repo.root);

    // THEN
    expect(stale.exitCode).toBe(1);
    expect(written.out).toEqual(['README.md: prod picture updated']);
    expect(fresh.exitCode).toBe(0);
    const text = repo.read('README.md');
    expect(text.startsWith('# x\n\nbefore\n<!-- diagram:prod:start -->\n```mermaid\nflowchart TB\n')).toBe(true);
    expect(text.endsWith('```\n<!-- diagram:prod:end -->\nafter\n')).toBe(true);
  });

  it('fails naming the markers when the README has no block', () => {
    expect(() => replaceBlock('# x\n', 'prod', 'y')).toThrow(
      'README.md: no "<!-- diagram:prod:start -->" … "<!-- diagram:prod:end -->" block',
    );
  });

  it("keeps the README's prod picture in step with the committed dist/", () => {
    // Fails when dist/ changed Applications, waves or projects: run npm run diagram -- --readme.
    const readme = readFileSync('README.md', 'utf8');
    expect(readBlock(readme, 'prod')).toBeDefined();
    expect(diagram({ readme: true, check: true })).toEqual({ exitCode: 0, out: ['README.md: prod picture up to date'], err: [] });
  });
});

describe('npm run diff -- --markdown: the picture in the PR comment', () => {
  it('adds the picture, with the new Application highlighted, when a change adds an Application', () => {
    // GIVEN a branch adding an Application and its folder
    repo = repoWith(FILES);
    repo.write('dist/prod/argocd/application-risk.yaml', application('risk', 1, 'team-risk', folder('dist/prod/risk')));
    repo.write('dist/prod/risk/configmap-risk.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: risk\n  namespace: risk\n');

    // WHEN rendering the PR comment
    const md = diff({ cwd: repo.root, base: 'main', markdown: true }).out.join('\n');

    // THEN the picture follows the counts, open for prod, before the object sections
    expect(md).toContain(
      '<details open><summary><b>prod</b>: picture of the rollout (Applications, waves or projects changed)</summary>\n\n```mermaid\nflowchart TB\n',
    );
    expect(md).toContain('  class app_risk added\n```\n\nadded (green): `risk`\n\n</details>');
    expect(md.indexOf('picture of the rollout')).toBeLessThan(md.indexOf('<code>argocd</code>'));
  });

  it('leaves the picture out when no Application, wave or project changed', () => {
    repo = repoWith(FILES);
    repo.edit('dist/prod/ledger/configmap-ledger.yaml', 'level: info', 'level: debug');
    const md = diff({ cwd: repo.root, base: 'main', markdown: true }).out.join('\n');
    expect(md).not.toContain('mermaid');
  });
});

describe('npm run diff -- --exit-code', () => {
  it('exits 1 when anything changed and 0 when nothing did', () => {
    repo = repoWith(FILES);
    expect(diff({ cwd: repo.root, exitCode: true }).exitCode).toBe(0);
    repo.edit('dist/prod/ledger/configmap-ledger.yaml', 'level: info', 'level: debug');
    const changed = diff({ cwd: repo.root, exitCode: true });
    expect(changed.exitCode).toBe(1);
    expect(changed.out).toEqual(['prod/ledger: ~ ConfigMap/ledger (namespace books)', '    data.level: info → debug']);
    // AND without the flag a change is still exit 0
    expect(diff({ cwd: repo.root }).exitCode).toBe(0);
  });
});
