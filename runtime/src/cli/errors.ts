/**
 * A problem the user can fix from its message alone (no app found, port taken, package missing): the
 * CLI prints the message without a stack trace. Errors from the app's own code keep their stack.
 *
 * @example
 * ```ts
 * throw new CliError("Port 5000 is in use by another program.");
 * ```
 */
export class CliError extends Error {
  override name = "CliError";
}
