/**
 * renovate.json: valid JSON, the presets and groups we rely on, the add-on chart regex against
 * sample catalog text, and no automerge for prod-affecting updates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';

interface PackageRule {
  readonly matchManagers?: readonly string[];
  readonly matchDatasources?: readonly string[];
  readonly matchDepTypes?: readonly string[];
  readonly groupName?: string;
  readonly automerge?: boolean;
}
interface CustomManager {
  readonly customType: string;
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly datasourceTemplate?: string;
  readonly packageNameTemplate?: string;
}
interface RenovateConfig {
  readonly extends: readonly string[];
  readonly schedule?: readonly string[];
  readonly lockFileMaintenance?: { readonly enabled?: boolean };
  readonly customManagers: readonly CustomManager[];
  readonly packageRules: readonly PackageRule[];
}

const config = JSON.parse(readFileSync('renovate.json', 'utf8')) as RenovateConfig;
const addons = config.customManagers.find((m) => m.datasourceTemplate === 'helm');

/** Renovate's `managerFilePatterns` entry `/re/` as a RegExp. */
const filePattern = (p: string): RegExp => new RegExp(p.replace(/^\/(.*)\/$/, '$1'));

/** What Renovate's regex manager would extract from `text` (it applies each matchString globally). */
function extract(text: string): Array<Record<string, string | undefined>> {
  return (addons?.matchStrings ?? []).flatMap((s) => [...text.matchAll(new RegExp(s, 'g'))].map((m) => ({ ...m.groups })));
}

describe('renovate.json', () => {
  it('extends the recommended config and pins GitHub Action digests', () => {
    expect(config.extends).toEqual(['config:recommended', 'helpers:pinGitHubActionDigests']);
  });

  it('runs on a schedule, with lock file maintenance', () => {
    expect(config.schedule?.length).toBeGreaterThan(0);
    expect(config.lockFileMaintenance?.enabled).toBe(true);
  });

  it('groups npm, GitHub Actions, add-on charts and the Terraform provider', () => {
    expect(config.packageRules.map((r) => r.groupName).filter(Boolean)).toEqual([
      'npm dependencies',
      'GitHub Actions',
      'add-on Helm charts',
      'Terraform provider',
    ]);
  });

  it('never automerges add-on chart or Terraform updates', () => {
    const prodAffecting = (r: PackageRule): boolean =>
      Boolean(r.matchManagers?.includes('terraform') || r.matchDatasources?.includes('helm') || r.matchManagers?.includes('custom.regex'));
    // No rule that could match them turns automerge on (a rule without matchers matches everything).
    const unscoped = (r: PackageRule): boolean => !r.matchManagers && !r.matchDatasources && !r.matchDepTypes;
    expect(config.packageRules.filter((r) => (prodAffecting(r) || unscoped(r)) && r.automerge === true)).toEqual([]);
    expect(config.packageRules.filter(prodAffecting).map((r) => r.automerge)).toEqual([false, false]);
  });

  describe('add-on chart manager', () => {
    it('reads only the add-on catalog files', () => {
      const patterns = (addons?.managerFilePatterns ?? []).map(filePattern);
      const matches = (file: string): boolean => patterns.some((p) => p.test(file));
      expect(['apps/addons/cert-manager.yaml', 'apps/addons/karpenter.yml'].map(matches)).toEqual([true, true]);
      expect(
        ['apps/services/payments-service.yaml', 'apps/addons/nested/x.yaml', 'dist/prod/addons/kustomization.yaml'].map(matches),
      ).toEqual([false, false, false]);
    });

    it('extracts repository, chart and version from block style', () => {
      const text = [
        'name: cert-manager',
        'namespace: cert-manager',
        'chart:',
        '  repoURL: https://charts.jetstack.io',
        '  chart: cert-manager',
        '  version: 1.17.2',
        'values:',
        '  crds: { enabled: true }',
        '',
      ].join('\n');
      expect(extract(text)).toEqual([{ registryUrl: 'https://charts.jetstack.io', depName: 'cert-manager', currentValue: '1.17.2' }]);
    });

    it('extracts quoted values, CRLF line endings and deeper indentation', () => {
      const text = 'spec:\r\n  chart:\r\n    repoURL: "https://charts.example.io"\r\n    chart: \'example\'\r\n    version: "1.2.3"\r\n';
      expect(extract(text)).toEqual([{ registryUrl: 'https://charts.example.io', depName: 'example', currentValue: '1.2.3' }]);
    });

    it('extracts flow style', () => {
      const text = 'chart: { repoURL: https://kubernetes-sigs.github.io/external-dns/, chart: external-dns, version: 1.15.0 }\n';
      expect(extract(text)).toEqual([
        { registryUrl: 'https://kubernetes-sigs.github.io/external-dns/', depName: 'external-dns', currentValue: '1.15.0' },
      ]);
    });

    it('fails to match when a field is missing or out of order', () => {
      expect(extract('chart:\n  repoURL: https://charts.example.io\n  version: 1.2.3\n')).toEqual([]);
      expect(extract('chart:\n  chart: example\n  repoURL: https://charts.example.io\n  version: 1.2.3\n')).toEqual([]);
    });
  });

  describe('add-on charts in the real catalog (apps/addons/*.yaml)', () => {
    /** Renovate's `{{{group}}}` templates, filled from a match's named groups. */
    const fill = (tmpl: string, groups: Record<string, string | undefined>): string =>
      tmpl.replace(/\{\{\{(\w+)\}\}\}/g, (_, name: string) => groups[name] ?? '');

    /**
     * What Renovate extracts from `file` (path relative to the repo) with every custom manager whose
     * file pattern matches, as renovatebot/renovate lib/modules/manager/custom/regex/utils.ts
     * `createDependency` builds a dependency: a `<field>Template` wins over a group of that name.
     */
    function dependencies(file: string, text: string): Array<Record<string, string | undefined>> {
      return config.customManagers
        .filter((m) => m.managerFilePatterns.map(filePattern).some((p) => p.test(file)))
        .flatMap((m) =>
          m.matchStrings.flatMap((s) =>
            [...text.matchAll(new RegExp(s, 'g'))].map((match) => {
              const g = { ...match.groups };
              return {
                depName: g.depName,
                currentValue: g.currentValue,
                datasource: m.datasourceTemplate,
                ...(m.packageNameTemplate ? { packageName: fill(m.packageNameTemplate, g) } : {}),
                ...(g.registryUrl ? { registryUrl: g.registryUrl } : {}),
              };
            }),
          ),
        );
    }

    const files = readdirSync('apps/addons').filter((f) => /\.ya?ml$/.test(f));

    it('reads at least one HTTP and one OCI chart', () => {
      const repos = files.map((f) => (load(readFileSync(join('apps/addons', f), 'utf8')) as { chart: { repoURL: string } }).chart.repoURL);
      expect(repos.some((r) => /^https:\/\//.test(r))).toBe(true);
      expect(repos.some((r) => !/^https?:\/\//.test(r))).toBe(true);
    });

    it.each(files)('%s: exactly one dependency, with the chart, version and where to look it up', (name) => {
      const file = `apps/addons/${name}`;
      const text = readFileSync(file, 'utf8');
      const { chart } = load(text) as { chart: { repoURL: string; chart: string; version: string } };
      const oci = !/^https?:\/\//.test(chart.repoURL);
      const registry = chart.repoURL.replace(/^oci:\/\//, '');
      expect(dependencies(file, text)).toEqual([
        oci
          ? { depName: chart.chart, currentValue: chart.version, datasource: 'docker', packageName: `${registry}/${chart.chart}` }
          : { depName: chart.chart, currentValue: chart.version, datasource: 'helm', registryUrl: chart.repoURL },
      ]);
    });

    it('matches an oci:// repoURL in block style too, without the scheme in the package name', () => {
      const text = 'chart:\n  repoURL: oci://ghcr.io/example/charts\n  chart: demo\n  version: 0.3.0\n';
      expect(dependencies('apps/addons/demo.yaml', text)).toEqual([
        { depName: 'demo', currentValue: '0.3.0', datasource: 'docker', packageName: 'ghcr.io/example/charts/demo' },
      ]);
    });

    it('groups OCI chart updates with the other add-on charts, never automerged', () => {
      const rule = config.packageRules.find((r) => r.groupName === 'add-on Helm charts');
      expect(rule?.matchDatasources).toEqual(['helm', 'docker']);
      expect(rule?.automerge).toBe(false);
    });
  });
});
