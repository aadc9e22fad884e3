/**
 * The AWS names that are conventions, derived from the environment alone (account, region, name
 * prefix). Synth renders them before anything exists, and Terraform builds the same names from the
 * same facts (terraform/modules/*), so adding a service never waits for a `terraform apply`; the
 * plan test (test/terraform/plan.test.ts) proves both sides agree against each environment's
 * `contract.json`.
 */
import type { Environment } from './schema/environment.ts';

/** The environment facts the names are built from. */
export type NamingEnvironment = Pick<Environment, 'name' | 'accountId' | 'region' | 'ecrRegistry' | 'secretsPrefix'>;

/** Conventional AWS names of one environment. */
export class AwsNames {
  /** Prefix of every named resource: `fintrack-<env>` (Terraform `local.name` in modules/platform). */
  public readonly prefix: string;
  private readonly env: NamingEnvironment;

  public constructor(env: NamingEnvironment) {
    this.env = env;
    this.prefix = `fintrack-${env.name}`;
  }

  /** IAM role name of a catalog service (modules/workload-identity `identities`). */
  public serviceRoleName(service: string): string {
    return `${this.prefix}-${service}`;
  }

  /** IAM role name of an add-on (modules/workload-identity `identities`). */
  public addonRoleName(addon: string): string {
    return `${this.prefix}-addon-${addon}`;
  }

  /** ARN of a role in this environment's account. */
  public roleArn(roleName: string): string {
    return `arn:aws:iam::${this.env.accountId}:role/${roleName}`;
  }

  /** IRSA role ARN of a catalog service. */
  public serviceRoleArn(service: string): string {
    return this.roleArn(this.serviceRoleName(service));
  }

  /** IRSA role ARN of an add-on. */
  public addonRoleArn(addon: string): string {
    return this.roleArn(this.addonRoleName(addon));
  }

  /** Image URI without tag of an ECR repository (modules/ecr names repositories as the catalog does). */
  public ecrRepositoryUri(repository: string): string {
    return `${this.env.ecrRegistry}/${repository}`;
  }

  /** SQS queue name of a catalog queue (modules/data `queue_names`). */
  public queueName(queue: string): string {
    return `${this.prefix}-${queue}`;
  }

  /** Dead-letter queue of a queue (modules/data: `<queue name>-dlq`, one per catalog queue). */
  public deadLetterQueueName(queueName: string): string {
    return `${queueName}-dlq`;
  }

  /** SNS topic name of a catalog topic (modules/topics `topic_names`). */
  public topicName(topic: string): string {
    return `${this.prefix}-${topic}`;
  }

  /** SNS topic ARN (modules/topics `topic_arns`, built the same way). */
  public topicArn(topic: string): string {
    return `arn:aws:sns:${this.env.region}:${this.env.accountId}:${this.topicName(topic)}`;
  }

  /** SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`, the format GetQueueUrl returns). */
  public queueUrl(queueName: string): string {
    return `https://sqs.${this.env.region}.amazonaws.com/${this.env.accountId}/${queueName}`;
  }

  /** S3 bucket name of a catalog bucket (modules/data `bucket_names`; the account id keeps it globally unique). */
  public bucketName(bucket: string): string {
    return `${this.prefix}-${bucket}-${this.env.accountId}`;
  }

  /** Secrets Manager secret name of a key relative to the environment's prefix. */
  public secretName(key: string): string {
    return `${this.env.secretsPrefix}/${key}`;
  }

  /** Queue Karpenter reads spot interruptions from (modules/eks). */
  public get karpenterInterruptionQueue(): string {
    return `${this.prefix}-karpenter-interruption`;
  }

  /** Regional WAFv2 web ACL of the public ALB (modules/edge `web_acl_name`). */
  public get edgeWebAclName(): string {
    return `${this.prefix}-edge`;
  }

  /** Node role of Karpenter-launched nodes (modules/eks). */
  public get karpenterNodeRoleName(): string {
    return `${this.prefix}-karpenter-node`;
  }
}
