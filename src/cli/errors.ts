/** An error in how the CLI was called or configured: one line on stderr, exit code 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
