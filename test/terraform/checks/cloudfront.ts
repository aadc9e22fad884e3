/**
 * CloudFront checks (issue 15, React SPA): HTTPS only with TLS 1.2+, a WAF web ACL, a response
 * headers policy with the security headers, S3 origins only through origin access control, and SPA
 * routing (403/404 → /index.html with 200).
 */
import { block, blocks, finding, resources, type Check, type PlannedResource } from './plan.ts';

const distributions = (plan: Parameters<Check['evaluate']>[0]) => resources(plan, 'aws_cloudfront_distribution');
const perDistribution = (id: string, description: string, problem: (d: PlannedResource, plan: Parameters<Check['evaluate']>[0]) => string | undefined): Check => ({
  id,
  description,
  evaluate: (plan) =>
    distributions(plan).flatMap((d) => {
      const p = problem(d, plan);
      return p ? [finding(id, d.address, p)] : [];
    }),
});
const behaviors = (d: PlannedResource) => [...blocks(d.values.default_cache_behavior), ...blocks(d.values.ordered_cache_behavior)];
const set = (d: PlannedResource, attr: string) => typeof d.values[attr] === 'string' && d.values[attr] !== '' ? true : d.unknown[attr] === true;

/** One year, the HSTS preload list's minimum. */
const HSTS_MIN_SECONDS = 31536000;

export const cloudfrontChecks: Check[] = [
  perDistribution('CKV_AWS_34', 'CloudFront viewers use HTTPS (redirect-to-https or https-only)', (d) =>
    behaviors(d).every((b) => ['redirect-to-https', 'https-only'].includes(String(b.viewer_protocol_policy))) ? undefined : 'viewer_protocol_policy must be redirect-to-https or https-only in every cache behavior',
  ),
  perDistribution('CKV_AWS_174', 'CloudFront viewer certificates require TLS 1.2 or newer', (d) => {
    const v = String(block(d.values.viewer_certificate)?.minimum_protocol_version);
    return /^TLSv1\.[23]_/.test(v) ? undefined : `minimum_protocol_version must be TLSv1.2_* (got ${v})`;
  }),
  perDistribution('CKV_AWS_68', 'CloudFront distributions have a WAF web ACL', (d) => (set(d, 'web_acl_id') ? undefined : 'web_acl_id must be set')),
  perDistribution('CKV2_AWS_32', 'CloudFront cache behaviors attach a response headers policy', (d) =>
    behaviors(d).every((b) => typeof b.response_headers_policy_id === 'string' || d.unknown.default_cache_behavior !== undefined) ? undefined : 'response_headers_policy_id must be set',
  ),
  perDistribution('FT_CLOUDFRONT_OAC', 'S3 origins are read through origin access control (no legacy OAI, no public website endpoint)', (d) => {
    const bad = blocks(d.values.origin).filter((o) => {
      const s3 = /\.s3[.-]/.test(String(o.domain_name));
      const oac = typeof o.origin_access_control_id === 'string' || d.unknown.origin !== undefined;
      return (s3 && !oac) || blocks(o.s3_origin_config).length > 0 || /s3-website/.test(String(o.domain_name));
    });
    return bad.length ? `origin ${bad.map((o) => String(o.origin_id)).join(', ')} must use origin_access_control_id on the REST endpoint` : undefined;
  }),
  perDistribution('FT_SPA_ERROR_RESPONSES', 'SPA distributions (default root object index.html) answer 403 and 404 with /index.html and 200', (d) => {
    if (d.values.default_root_object !== 'index.html') return undefined;
    const routed = (code: number) => blocks(d.values.custom_error_response).some((e) => Number(e.error_code) === code && Number(e.response_code) === 200 && e.response_page_path === '/index.html');
    const missing = [403, 404].filter((c) => !routed(c));
    return missing.length ? `custom_error_response must map ${missing.join(', ')} to /index.html with 200` : undefined;
  }),
  perDistribution('FT_CLOUDFRONT_ACCESS_LOGS', 'CloudFront distributions deliver access logs (standard logging v2: an ACCESS_LOGS delivery source with a delivery)', (d, plan) => {
    const sources = resources(plan, 'aws_cloudwatch_log_delivery_source').filter((s) => s.moduleAddress === d.moduleAddress && s.values.log_type === 'ACCESS_LOGS');
    const delivered = resources(plan, 'aws_cloudwatch_log_delivery').some((x) => x.moduleAddress === d.moduleAddress);
    return sources.length && delivered ? undefined : 'no ACCESS_LOGS aws_cloudwatch_log_delivery_source with an aws_cloudwatch_log_delivery';
  }),
  {
    id: 'FT_SECURITY_HEADERS',
    description: 'Response headers policies set HSTS (>= 1 year, subdomains), a CSP, nosniff, frame options and a referrer policy',
    evaluate: (plan) =>
      resources(plan, 'aws_cloudfront_response_headers_policy').flatMap((p) => {
        const h = block(p.values.security_headers_config);
        const hsts = block(h?.strict_transport_security);
        const missing = [
          ...(hsts && Number(hsts.access_control_max_age_sec) >= HSTS_MIN_SECONDS && hsts.include_subdomains === true ? [] : ['strict_transport_security (>= 1 year, include_subdomains)']),
          ...(block(h?.content_security_policy)?.content_security_policy ? [] : ['content_security_policy']),
          ...(block(h?.content_type_options) ? [] : ['content_type_options']),
          ...(block(h?.frame_options)?.frame_option ? [] : ['frame_options']),
          ...(block(h?.referrer_policy)?.referrer_policy ? [] : ['referrer_policy']),
        ];
        return missing.length ? [finding('FT_SECURITY_HEADERS', p.address, `missing ${missing.join(', ')}`)] : [];
      }),
  },
];
