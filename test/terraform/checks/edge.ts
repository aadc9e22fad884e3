/** The public edge (modules/edge): the ALB's WAFv2 web ACL and its ACM certificate. */
import { block, blocks, finding, resources, type Check } from './plan.ts';

/** Seed 001: block a client IP above 2,000 requests in 5 minutes. */
const RATE_LIMIT = 2000;
const REQUIRED_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet'];

const statementOf = (rule: Record<string, unknown>) => block(rule.statement) ?? {};
const isBlocking = (rule: Record<string, unknown>) => blocks(block(rule.action)?.block).length > 0;

export const edgeChecks: Check[] = [
  {
    id: 'FT_WAF_RATE_LIMIT',
    description: `Every web ACL (regional and CloudFront) blocks a client IP above ${RATE_LIMIT} requests per 5 minutes`,
    evaluate: (plan) =>
      resources(plan, 'aws_wafv2_web_acl')
        .filter((r) => r.values.scope === 'REGIONAL' || r.values.scope === 'CLOUDFRONT')
        .filter(
          (r) =>
            !blocks(r.values.rule).some((rule) => {
              const rate = block(statementOf(rule).rate_based_statement);
              // aws provider: evaluation_window_sec defaults to 300 (WAFV2 RateBasedStatement EvaluationWindowSec).
              return rate && isBlocking(rule) && rate.aggregate_key_type === 'IP' && Number(rate.limit) <= RATE_LIMIT && [undefined, null, 300].includes(rate.evaluation_window_sec as number);
            }),
        )
        .map((r) => finding('FT_WAF_RATE_LIMIT', r.address, `no blocking per-IP rate-based rule with limit <= ${RATE_LIMIT} over 300 s`)),
  },
  {
    id: 'FT_WAF_MANAGED_RULES',
    description: 'Every web ACL (regional and CloudFront) runs the AWS managed common, known-bad-inputs and SQLi rule groups, not in count mode',
    evaluate: (plan) =>
      resources(plan, 'aws_wafv2_web_acl')
        .filter((r) => r.values.scope === 'REGIONAL' || r.values.scope === 'CLOUDFRONT')
        .flatMap((r) => {
          const enforced = blocks(r.values.rule)
            .filter((rule) => blocks(block(rule.override_action)?.count).length === 0)
            .map((rule) => block(statementOf(rule).managed_rule_group_statement))
            .filter((m) => m?.vendor_name === 'AWS')
            .map((m) => String(m!.name));
          const missing = REQUIRED_GROUPS.filter((g) => !enforced.includes(g));
          return missing.length ? [finding('FT_WAF_MANAGED_RULES', r.address, `missing enforced AWS managed rule groups: ${missing.join(', ')}`)] : [];
        }),
  },
  {
    id: 'CKV2_AWS_31',
    description: 'Every web ACL has a logging configuration',
    evaluate: (plan) => {
      const logged = new Set(resources(plan, 'aws_wafv2_web_acl_logging_configuration').map((l) => l.moduleAddress));
      return resources(plan, 'aws_wafv2_web_acl')
        .filter((r) => !logged.has(r.moduleAddress))
        .map((r) => finding('CKV2_AWS_31', r.address, 'no aws_wafv2_web_acl_logging_configuration for this web ACL'));
    },
  },
  {
    id: 'FT_ACM_DNS_VALIDATED',
    description: 'Every ACM certificate is DNS-validated and waited for (aws_acm_certificate_validation)',
    evaluate: (plan) => {
      const validated = new Set(resources(plan, 'aws_acm_certificate_validation').map((v) => v.moduleAddress));
      return resources(plan, 'aws_acm_certificate')
        .filter((r) => r.values.validation_method !== 'DNS' || !validated.has(r.moduleAddress))
        .map((r) => finding('FT_ACM_DNS_VALIDATED', r.address, `validation_method must be DNS with an aws_acm_certificate_validation (got ${String(r.values.validation_method)})`));
    },
  },
];
