/**
 * What an API-server rule reports: the rule id, the field path (as `field.Path` prints it) and
 * the message, collected per object.
 */

/** One validation error. */
export interface Problem {
  readonly rule: string;
  readonly field: string;
  readonly message: string;
}

/** Collects problems for one object. */
export class Problems {
  readonly list: Problem[] = [];

  /** Adds one problem per message (none when `messages` is empty). */
  add(rule: string, field: string, ...messages: readonly string[]): void {
    for (const message of messages) this.list.push({ rule, field, message });
  }
}
