/**
 * The schema of one asynchronous flow in `apps/flows/<name>.yaml`: which service accepts a request
 * and queues it, which worker consumes the queue, which service it reads data from, and which
 * service notifies completion. The flow is the one statement of these calls; the services' callers,
 * queues, topics, autoscaling, alerts, dashboard and Terraform follow from it (apps/flows.ts).
 */
import { z } from 'zod';
import { dnsLabel } from './common.ts';

/** Longest time SQS keeps a message (modules/data `message_retention_seconds` of every queue). */
export const QUEUE_RETENTION_SECONDS = 345_600;

/** One flow. */
export const flowSchema = z
  .strictObject({
    /** The flow's name (its file name); names its dashboard and alert group. */
    name: dnsLabel,
    /** What the flow does, for reviewers. */
    description: z.string().min(10),
    /** Where a request enters: the public service forwarding it and the service that queues it. */
    accept: z.strictObject({
      /** The public entry point that authenticates and forwards the request (e.g. api-gateway). */
      via: dnsLabel,
      /** The service that records the request and sends it to the queue. */
      service: dnsLabel,
      /** The HTTP route, for readers and the dashboard (`POST /reports`). */
      route: z.string().regex(/^(GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9._~/{}-]*$/, 'must be "<METHOD> /path" such as "POST /reports"'),
    }),
    /** The queue between the accepting service and the worker (an SQS queue with a dead-letter queue). */
    queue: z.strictObject({
      /** Catalog queue name; the AWS name is derived per environment (apps/aws-names.ts). */
      name: dnsLabel,
      /** KEDA asks for one worker replica per this many visible and in-flight messages. */
      messagesPerReplica: z.number().int().positive(),
      /** The oldest message waiting longer than this warns (queue age alert). */
      maxAgeSeconds: z
        .number()
        .int()
        .min(60)
        .max(QUEUE_RETENTION_SECONDS - 1, `must stay below the queue's retention (${QUEUE_RETENTION_SECONDS}s)`),
    }),
    /** The worker consuming the queue (class `worker`), scaled by KEDA on the queue's depth. */
    worker: dnsLabel,
    /** The service owning the data the worker reads, over mTLS (seed 004's "monolith-service" data API). */
    data: dnsLabel,
    /** Completion: the worker calls this service, which e-mails through an SNS topic and posts a signed webhook. */
    notify: z.strictObject({
      service: dnsLabel,
      /** Catalog name of the SNS topic (KMS-encrypted; e-mail subscribers are added by an operator). */
      topic: dnsLabel,
      /** The secret property signing webhook bodies, in the notify service's `secrets` (its `env` name). */
      webhookSigningKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an upper-case environment variable name'),
    }),
    /** Service level of the whole flow: request accepted → notification sent. */
    completion: z.strictObject({
      /** p99 of the flow's duration above this many seconds pages. */
      latencyP99Seconds: z.number().positive().max(3600),
    }),
  })
  .superRefine((f, ctx) => {
    // A message older than the objective has already missed it: the age alert must warn before that.
    if (f.queue.maxAgeSeconds >= f.completion.latencyP99Seconds)
      ctx.addIssue({
        code: 'custom',
        path: ['queue', 'maxAgeSeconds'],
        message: `(${f.queue.maxAgeSeconds}) must be < 'completion.latencyP99Seconds' (${f.completion.latencyP99Seconds}): a request waiting that long has already missed the objective`,
      });
  });

/** A flow as written in YAML. */
export type FlowDeclaration = z.infer<typeof flowSchema>;
