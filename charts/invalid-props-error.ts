/**
 * Error thrown by a construct whose props break a rule that spans fields.
 */
export class InvalidPropsError extends Error {
  /** Dotted path of the offending prop, e.g. `autoscaling.maxReplicas`. */
  public readonly field: string;

  public constructor(field: string, message: string) {
    super(message);
    this.name = 'InvalidPropsError';
    this.field = field;
  }
}
