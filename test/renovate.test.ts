/**
 * renovate.json: valid JSON, the presets and groups we rely on, the add-on chart regex against
 * sample catalog text, and no automerge for prod-affecting updates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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
});
