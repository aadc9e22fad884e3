/**
 * One place for a service's tag: `npm run image -- set` edits the kustomization as Image Updater
 * would, kustomize deploys it, `npm run diff` shows it, synth keeps it; the catalog cannot say
 * otherwise. The service is picked from the catalog, never named here.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { synth } from '../../scripts/synth/synth-command.ts';
import { diff } from '../../scripts/diff/command.ts';
import { image } from '../../scripts/image/command.ts';
import { treeDigest, workspace, type Workspace } from '../support/fixture.ts';
import { gitRepo, type GitRepo } from '../support/git-repo.ts';

const catalog = loadCatalog();
const service = catalog.services.find((s) => s.spec.image.track === 'main-builds')!;
const env = catalog.environments.at(-1)!;
const svc = service.spec.name;
const envName = env.spec.name;
const imageName = `${env.spec.ecrRegistry}/${service.spec.image.repository}`;
const kustomization = `dist/${envName}/${svc}/kustomization.yaml`;
const next = (tag: string): string => tag.replace(/(\d+)$/, (n) => String(Number(n) + 1));
const changedLines = (a: string, b: string): number => {
  const x = a.split('\n');
  const y = b.split('\n');
  return Math.max(x.length, y.length) === x.length && x.length === y.length ? x.filter((l, i) => l !== y[i]).length : -1;
};

describe('npm run image', () => {
  let ws: Workspace | undefined;
  let repo: GitRepo | undefined;
  afterEach(() => {
    ws?.dispose();
    repo?.dispose();
    ws = repo = undefined;
  });

  it('sets the tag in one line that kustomize deploys and synth keeps byte-for-byte', () => {
    // GIVEN a rendered workspace and the tag the service runs
    ws = workspace();
    expect(synth({ cwd: ws.root }).exitCode).toBe(0);
    const current = image(['get', envName, svc], ws.root).out[0]!;
    const before = ws.read(kustomization);
    // WHEN a person rolls it forward the documented way
    const result = image(['set', envName, svc, next(current)], ws.root);
    // THEN exactly one line of the kustomization changed, to the new tag
    expect(result.exitCode).toBe(0);
    const after = ws.read(kustomization);
    expect(changedLines(before, after)).toBe(1);
    expect(after).toContain(`  newTag: ${next(current)}\n`);
    // AND a re-synth keeps it byte-for-byte
    const tree = treeDigest(ws.dist);
    expect(synth({ cwd: ws.root }).exitCode).toBe(0);
    expect(treeDigest(ws.dist)).toBe(tree);
    // AND kustomize renders the Deployment with that tag
    const built = execFileSync('kubectl', ['kustomize', `${ws.root}/dist/${envName}/${svc}`], { encoding: 'utf8' });
    expect(built).toContain(`image: ${imageName}:${next(current)}\n`);
  });

  it('shows the change in npm run diff as one line', () => {
    // GIVEN dist/ and the catalog committed on main
    repo = gitRepo();
    repo.copyFromRepo('apps');
    repo.copyFromRepo('dist');
    repo.commit('base');
    const current = image(['get', envName, svc], repo.root).out[0]!;
    // WHEN the tag is set and diffed
    expect(image(['set', envName, svc, next(current)], repo.root).exitCode).toBe(0);
    // THEN the reviewer sees the bump
    expect(diff({ cwd: repo.root }).out).toEqual([
      `${envName}/${svc}: image ${service.spec.image.repository} ${current} → ${next(current)}`,
    ]);
  });

  it('refuses a tag the policy does not allow, or one listed in ignoreTags, and writes nothing', () => {
    ws = workspace();
    synth({ cwd: ws.root });
    const before = ws.read(kustomization);
    expect(image(['set', envName, svc, 'v1.0.0'], ws.root)).toEqual({
      exitCode: 2,
      out: [],
      err: [`image: tag "v1.0.0" does not match ^main-[0-9]+$, the tags ${service.file} image.track (main-builds) allows`],
    });
    ws.edit(service.file, /image: \{/, 'image: { ignoreTags: [main-999999],');
    expect(image(['set', envName, svc, 'main-999999'], ws.root).err).toEqual([
      `image: tag "main-999999" is listed in image.ignoreTags of ${service.file}`,
    ]);
    expect(ws.read(kustomization)).toBe(before);
  });

  it('fails usage errors with exit 2 and prints help with --help', () => {
    expect(image(['set', envName]).exitCode).toBe(2);
    expect(image(['--help'])).toMatchObject({ exitCode: 0 });
  });
});

describe('the old place of the tag', () => {
  it('fails synth with a pointer to the kustomization and the command', () => {
    // GIVEN a catalog file that still sets image.tag
    const ws = workspace();
    try {
      ws.edit(service.file, /image: \{/, 'image: { tag: main-1,');
      // WHEN synth runs THEN it fails naming the file, line and field, and says where the tag lives
      const result = synth({ cwd: ws.root });
      expect(result.exitCode).toBe(2);
      expect(result.err[1]).toMatch(
        new RegExp(
          `^  ${service.file.replace(/[.]/g, '\\.')}:\\d+: image\\.tag: is not read: the deployed tag lives in dist/<env>/${svc}/kustomization\\.yaml images\\[\\]\\.newTag; change it with \`npm run image -- set <env> ${svc} <tag>\``,
        ),
      );
    } finally {
      ws.dispose();
    }
  });
});
