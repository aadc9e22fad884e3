/**
 * scripts/bootstrap-cluster.sh with aws, kubectl and helm replaced by stubs that log their
 * arguments: the order of the steps, and that the Helm install is the self-managed argo-cd
 * Application's chart, version and values.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const STUB = `#!/bin/sh
echo "$(basename "$0") $*" >> "$STUB_LOG"
case "$(basename "$0") $*" in
  aws*) echo '{"appId": 101, "installationId": "202", "privateKey": "-----BEGIN RSA PRIVATE KEY-----"}' ;;
  *"--dry-run=client -o yaml"*) printf 'apiVersion: v1\\nkind: Secret\\n' ;;
  *"label --local"*) cat ;;
  *"get externalsecret"*) echo "$STUB_READY" ;;
  *"get secret argocd-github-app-read -o json"*) echo '{"data": {"appId": "MTAx", "installationId": "MjAy", "privateKey": "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ=="}}' ;;
  *"-f -"*) cat > /dev/null ;;
esac
`;

function run(env: string, ready = 'True'): { status: number | null; log: string[]; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'bootstrap-bin-'));
  try {
    for (const tool of ['aws', 'kubectl', 'helm']) {
      writeFileSync(join(bin, tool), STUB);
      chmodSync(join(bin, tool), 0o755);
    }
    const log = join(bin, 'log');
    writeFileSync(log, '');
    const r = spawnSync('bash', ['scripts/bootstrap-cluster.sh', env], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        STUB_LOG: log,
        STUB_READY: ready,
        BOOTSTRAP_POLLS: '2',
        BOOTSTRAP_POLL_SECONDS: '0',
      },
    });
    return { status: r.status, log: readFileSync(log, 'utf8').trim().split('\n'), stderr: r.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('scripts/bootstrap-cluster.sh', () => {
  const application = load(readFileSync('dist/prod/argocd/application-argo-cd.yaml', 'utf8')) as any;

  it('installs the argo-cd Application’s chart and values, then the root app, then drops the hand-made secret', () => {
    // GIVEN the committed dist/prod/bootstrap WHEN the script runs against stub tools
    const { status, log, stderr } = run('prod');
    // THEN it succeeds and runs the steps in order
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const steps = log.map((l) => l.split(' ').slice(0, 3).join(' '));
    // (the commands of one shell pipeline start together, so their log order varies)
    expect(steps[0]).toBe('aws secretsmanager get-secret-value');
    expect(steps.slice(1, 6).sort()).toEqual(
      ['kubectl create namespace', 'kubectl apply -f', 'kubectl -n argocd', 'kubectl label --local', 'kubectl apply -f'].sort(),
    );
    expect(steps.slice(6)).toEqual(['helm upgrade --install', 'kubectl apply -k', 'kubectl -n argocd', 'kubectl -n argocd']);
    // AND the Helm install is exactly the self-managed release: name, chart, version, values
    const helm = log.find((l) => l.startsWith('helm '))!;
    const source = application.spec.source;
    expect(helm).toContain(
      `upgrade --install ${source.helm.releaseName} ${source.chart} --repo ${source.repoURL} --version ${source.targetRevision}`,
    );
    const valuesFile = /--values (\S+)/.exec(helm)![1]!;
    expect(load(readFileSync(valuesFile, 'utf8'))).toEqual(source.helm.valuesObject);
    expect(log.at(-1)).toBe('kubectl -n argocd delete secret repo-fintrack-platform-bootstrap --ignore-not-found');
  });

  it('reads the credentials from the local-secrets namespace on k3s, without aws', () => {
    // GIVEN the committed dist/local/bootstrap (PLATFORM=k3s) WHEN the script runs
    const { status, log, stderr } = run('local');
    // THEN no aws call is made: step 1 reads the seeded Secret, the rest is as in the cloud
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(log.some((l) => l.startsWith('aws '))).toBe(false);
    expect(log[0]).toBe('kubectl -n local-secrets get secret argocd-github-app-read -o json');
    expect(log.find((l) => l.startsWith('helm '))).toContain('--values');
    expect(log.at(-1)).toBe('kubectl -n argocd delete secret repo-fintrack-platform-bootstrap --ignore-not-found');
  });

  it('fails and keeps the bootstrap secret when the managed secret never becomes Ready', () => {
    const { status, log, stderr } = run('prod', 'False');
    expect(status).toBe(1);
    expect(stderr).toContain('externalsecret/repo-fintrack-platform is not Ready');
    expect(log.some((l) => l.includes('delete secret'))).toBe(false);
  });

  it('refuses an environment without a rendered bootstrap folder', () => {
    const r = spawnSync('bash', ['scripts/bootstrap-cluster.sh', 'nowhere'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('dist/nowhere/bootstrap has no bootstrap.env/argo-cd-values.yaml: run npm run synth');
  });
});
