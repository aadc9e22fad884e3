#!/usr/bin/env bash
# Bootstraps Argo CD on an empty cluster of one environment, once; Argo CD manages itself after.
#   scripts/bootstrap-cluster.sh <env>
# Needs aws (credentials of the break-glass or CI deploy role), kubectl pointed at the cluster,
# helm and node. Reads only dist/<env>/bootstrap/ (rendered by npm run synth):
#   1. Argo CD's read credentials for this repository, from Secrets Manager (on k3s, PLATFORM=k3s:
#      from the Secret seeded in SECRETS_NAMESPACE, no aws needed), as a repository
#      Secret (the ExternalSecret in argocd-config/ takes over once External Secrets runs);
#   2. helm install of the argo-cd chart with the exact values the self-managed Application renders
#      (health checks included, so sync waves wait from the first sync);
#   3. kubectl apply -k dist/<env>/bootstrap: the bootstrap AppProject and the root Application;
#   4. once the ExternalSecret-managed repository Secret is Ready, the hand-made one is deleted.
set -euo pipefail

usage() { echo "usage: scripts/bootstrap-cluster.sh <env>   (env: a folder of dist/ with bootstrap/)" >&2; exit 2; }
[ $# -eq 1 ] || usage
case "$1" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
env_name=$1
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/dist/$env_name/bootstrap"
[ -f "$dir/bootstrap.env" ] && [ -f "$dir/argo-cd-values.yaml" ] || { echo "bootstrap-cluster: $dir has no bootstrap.env/argo-cd-values.yaml: run npm run synth" >&2; exit 2; }
# shellcheck source=/dev/null
. "$dir/bootstrap.env"
platform=${PLATFORM:-eks}
tools="kubectl helm node"
[ "$platform" = eks ] && tools="aws $tools"
for tool in $tools; do
  command -v "$tool" >/dev/null || { echo "bootstrap-cluster: $tool is not on PATH" >&2; exit 2; }
done

bootstrap_secret="${GIT_READ_MANAGED_SECRET}-bootstrap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$platform" = eks ]; then
  echo "1/4 repository read credentials from Secrets Manager $GIT_READ_SECRET_ID"
  aws secretsmanager get-secret-value --region "$AWS_REGION" --secret-id "$GIT_READ_SECRET_ID" --query SecretString --output text >"$work/app.json"
else
  echo "1/4 repository read credentials from secret $SECRETS_NAMESPACE/$GIT_READ_SECRET_ID (seeded from local-secrets.yaml)"
  kubectl -n "$SECRETS_NAMESPACE" get secret "$GIT_READ_SECRET_ID" -o json |
    node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const d=JSON.parse(s).data??{};const o={};for(const[k,v]of Object.entries(d))o[k]=Buffer.from(v,"base64").toString();process.stdout.write(JSON.stringify(o));});' >"$work/app.json"
fi
node -e '
  const fs = require("node:fs");
  const [src, out] = process.argv.slice(1);
  const app = JSON.parse(fs.readFileSync(src, "utf8"));
  for (const k of ["appId", "installationId", "privateKey"]) {
    if (typeof app[k] !== "string" && typeof app[k] !== "number") { console.error(`bootstrap-cluster: secret has no "${k}"`); process.exit(2); }
    fs.writeFileSync(`${out}/${k}`, String(app[k]));
  }
' "$work/app.json" "$work"
kubectl create namespace "$ARGOCD_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$ARGOCD_NAMESPACE" create secret generic "$bootstrap_secret" \
  --from-literal=type=git --from-literal=url="$GIT_REPO_URL" \
  --from-file=githubAppID="$work/appId" --from-file=githubAppInstallationID="$work/installationId" \
  --from-file=githubAppPrivateKey="$work/privateKey" --dry-run=client -o yaml |
  kubectl label --local -f - argocd.argoproj.io/secret-type=repository -o yaml |
  kubectl apply -f -

echo "2/4 helm install $ARGOCD_CHART $ARGOCD_CHART_VERSION as release $ARGOCD_RELEASE"
helm upgrade --install "$ARGOCD_RELEASE" "$ARGOCD_CHART" --repo "$ARGOCD_CHART_REPO" --version "$ARGOCD_CHART_VERSION" \
  --namespace "$ARGOCD_NAMESPACE" --values "$dir/argo-cd-values.yaml" --wait --timeout 10m

echo "3/4 kubectl apply -k dist/$env_name/bootstrap"
kubectl apply -k "$dir"

echo "4/4 waiting for the ExternalSecret-managed repository secret $GIT_READ_MANAGED_SECRET"
# The ExternalSecret appears only when argocd-config syncs (after the add-on waves): poll, 45 min at most.
ready=""
for _ in $(seq 1 "${BOOTSTRAP_POLLS:-90}"); do
  ready=$(kubectl -n "$ARGOCD_NAMESPACE" get "externalsecret/$GIT_READ_MANAGED_SECRET" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)
  [ "$ready" = "True" ] && break
  sleep "${BOOTSTRAP_POLL_SECONDS:-30}"
done
if [ "$ready" != "True" ]; then
  echo "bootstrap-cluster: externalsecret/$GIT_READ_MANAGED_SECRET is not Ready; secret $bootstrap_secret stays until it is (check argocd app get argocd-config)" >&2
  exit 1
fi
kubectl -n "$ARGOCD_NAMESPACE" delete secret "$bootstrap_secret" --ignore-not-found
echo "bootstrap of $ENVIRONMENT (${CLUSTER_NAME:-$platform}) done: Argo CD now syncs dist/$env_name/ from $GIT_REPO_URL"
