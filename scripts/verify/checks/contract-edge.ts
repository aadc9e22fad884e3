/**
 * The public edge part of the contract check: an internet-facing ALB Ingress names the ACM
 * certificate and WAFv2 web ACL Terraform created for this environment (modules/edge), and serves
 * only hosts that certificate covers. The ids in the ARNs come from Terraform outputs; what can be
 * checked from dist/ alone is the account, region, web ACL name and hosts, against contract.json.
 */
import type { AwsContract } from '../aws-contract.ts';
import { arr, finding, rec, type DistObject, type Finding } from '../model.ts';

const CHECK = 'contract';
const ANNOTATION = 'alb.ingress.kubernetes.io/';

/** Rules this part adds to the contract check. */
export const EDGE_RULES = ['edge-waf-acl', 'edge-certificate', 'edge-host'] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Findings of the ALB Ingresses among `objects` against the contract's edge. */
export function edgeFindings(objects: readonly DistObject[], contract: AwsContract, file: string): Finding[] {
  const out: Finding[] = [];
  const { accountId, region, edge } = contract;
  const wafArn = new RegExp(
    `^arn:aws[a-z-]*:wafv2:${escape(region)}:${accountId}:regional/webacl/${escape(edge.webAclName)}/[0-9a-f-]{36}$`,
  );
  const certArn = new RegExp(`^arn:aws[a-z-]*:acm:${escape(region)}:${accountId}:certificate/[0-9a-f-]{36}$`);
  for (const o of objects.filter((x) => x.object.kind === 'Ingress' && rec(x.object.spec).ingressClassName === 'alb')) {
    const annotations = rec(o.object.metadata.annotations) as Record<string, unknown>;
    const at = (key: string) => (typeof annotations[ANNOTATION + key] === 'string' ? String(annotations[ANNOTATION + key]) : undefined);
    const report = (rule: (typeof EDGE_RULES)[number], message: string) =>
      out.push(finding(CHECK, o, rule, 'error', `${o.file} ${message}`));
    const internetFacing = at('scheme') === 'internet-facing';
    // aws-load-balancer-controller pkg/ingress/model_build_load_balancer_addons.go
    // buildWAFv2WebACLAssociation: the web ACL is associated only from the wafv2-acl-arn annotation.
    const waf = at('wafv2-acl-arn');
    if (waf === undefined) {
      if (internetFacing)
        report(
          'edge-waf-acl',
          `metadata.annotations: internet-facing ALB without ${ANNOTATION}wafv2-acl-arn (web ACL ${edge.webAclName} in ${file} edge.webAclName)`,
        );
    } else if (!wafArn.test(waf)) {
      report(
        'edge-waf-acl',
        `metadata.annotations.${ANNOTATION}wafv2-acl-arn: ${waf} is not web ACL ${edge.webAclName} of account ${accountId} in ${region} (${file} edge.webAclName)`,
      );
    }
    // docs/guide/ingress/cert_discovery.md: without certificate-arn the controller picks any ACM
    // certificate matching the hosts; the listener must use Terraform's, named explicitly.
    const certs = at('certificate-arn')
      ?.split(',')
      .map((c) => c.trim());
    if (certs === undefined) {
      if (internetFacing)
        report(
          'edge-certificate',
          `metadata.annotations: internet-facing ALB without ${ANNOTATION}certificate-arn (Terraform's certificate for ${edge.hosts.join(', ') || 'no host'})`,
        );
    } else {
      for (const c of certs.filter((x) => !certArn.test(x)))
        report(
          'edge-certificate',
          `metadata.annotations.${ANNOTATION}certificate-arn: ${c} is not an ACM certificate of account ${accountId} in ${region} (${file} accountId, region)`,
        );
    }
    const spec = rec(o.object.spec);
    const hosts = [
      ...arr(spec.rules).map((r, i) => ({ path: `spec.rules[${i}].host`, host: rec(r).host })),
      ...arr(spec.tls).flatMap((t, i) => arr(rec(t).hosts).map((h, j) => ({ path: `spec.tls[${i}].hosts[${j}]`, host: h }))),
    ].filter((h): h is { path: string; host: string } => typeof h.host === 'string');
    for (const h of hosts.filter((x) => !edge.hosts.includes(x.host)))
      report(
        'edge-host',
        `${h.path}: host ${h.host} is not covered by the edge certificate (${file} edge.hosts: ${edge.hosts.join(', ') || 'none'})`,
      );
  }
  return out;
}
