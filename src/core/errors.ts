/**
 * An expected refusal ("no articles mention 'idlib' yet", "unknown timezone"):
 * shown to the user as written, never logged as an error.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** How to use the command, shown under the message when given. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
