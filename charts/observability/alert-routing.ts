/**
 * Alertmanager's routing tree as an AlertmanagerConfig (kube-prometheus-stack uses it as the whole
 * configuration): critical → PagerDuty and Slack #incidents, warning → Slack #platform-alerts,
 * info → Slack #platform-alerts during business hours only. The receivers' keys come from Secrets
 * Manager through an ExternalSecret.
 */
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from '../../imports/external-secrets.io.ts';
import { AlertmanagerConfig, AlertmanagerConfigSpecRouteMatchersMatchType } from '../../imports/monitoring.coreos.com.ts';

/** Secret holding the receivers' credentials. */
export const RECEIVER_SECRET = 'alertmanager-receivers';

/** Props of {@link AlertRouting}. */
export interface AlertRoutingProps {
  /** AlertmanagerConfig name (kube-prometheus-stack's `alertmanagerConfiguration.name`). */
  readonly name: string;
  /** Namespace of Alertmanager. */
  readonly namespace: string;
  /** Secrets Manager key holding `pagerduty-routing-key`, `slack-incidents-webhook`, `slack-platform-alerts-webhook`. */
  readonly secretKey: string;
  /** Page PagerDuty for critical alerts (off in dev: Slack only). @default true */
  readonly paging?: boolean;
  /** ClusterSecretStore the receivers' ExternalSecret names. @default 'aws-secrets-manager' */
  readonly secretStore?: string;
}

/** Properties of the receivers secret the ExternalSecret reads (PagerDuty only when paging). */
export function receiverSecretProperties(paging: boolean): string[] {
  return [...(paging ? ['pagerduty-routing-key'] : []), 'slack-incidents-webhook', 'slack-platform-alerts-webhook'];
}

/** AlertmanagerConfig and the ExternalSecret of its receivers. */
export class AlertRouting extends Construct {
  /** The AlertmanagerConfig (construct id `Resource`). */
  public readonly config: AlertmanagerConfig;

  public constructor(scope: Construct, id: string, props: AlertRoutingProps) {
    super(scope, id);
    const paging = props.paging ?? true;
    const keys = receiverSecretProperties(paging);
    new ExternalSecret(this, 'Receivers', {
      metadata: { name: RECEIVER_SECRET, namespace: props.namespace },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: {
          kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
          name: props.secretStore ?? 'aws-secrets-manager',
        },
        target: {
          name: RECEIVER_SECRET,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        data: keys.map((k) => ({ secretKey: k, remoteRef: { key: props.secretKey, property: k } })),
      },
    });
    const eq = AlertmanagerConfigSpecRouteMatchersMatchType.VALUE_EQUALS;
    const severity = (value: string) => [{ name: 'severity', value, matchType: eq }];
    const slack = (name: string, channel: string, key: string) => ({
      name,
      slackConfigs: [
        {
          apiUrl: { name: RECEIVER_SECRET, key },
          channel,
          sendResolved: true,
          title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})',
          text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}',
        },
      ],
    });
    this.config = new AlertmanagerConfig(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        route: {
          receiver: 'slack-platform-alerts',
          groupBy: ['alertname', 'namespace', 'service'],
          groupWait: '30s',
          groupInterval: '5m',
          repeatInterval: '4h',
          routes: [
            {
              matchers: [
                {
                  name: 'alertname',
                  value: 'Watchdog|InfoInhibitor',
                  matchType: AlertmanagerConfigSpecRouteMatchersMatchType.VALUE_EQUAL_TILDE,
                },
              ],
              receiver: 'null',
            },
            ...(paging ? [{ matchers: severity('critical'), receiver: 'pagerduty', continue: true }] : []),
            { matchers: severity('critical'), receiver: 'slack-incidents' },
            { matchers: severity('warning'), receiver: 'slack-platform-alerts' },
            { matchers: severity('info'), receiver: 'slack-platform-alerts', activeTimeIntervals: ['business-hours'] },
          ],
        },
        receivers: [
          { name: 'null' },
          ...(paging
            ? [
                {
                  name: 'pagerduty',
                  pagerdutyConfigs: [
                    { routingKey: { name: RECEIVER_SECRET, key: 'pagerduty-routing-key' }, sendResolved: true, severity: 'critical' },
                  ],
                },
              ]
            : []),
          slack('slack-incidents', '#incidents', 'slack-incidents-webhook'),
          slack('slack-platform-alerts', '#platform-alerts', 'slack-platform-alerts-webhook'),
        ],
        muteTimeIntervals: [
          { name: 'business-hours', timeIntervals: [{ weekdays: ['monday:friday'], times: [{ startTime: '08:00', endTime: '18:00' }] }] },
        ],
      },
    });
  }
}
