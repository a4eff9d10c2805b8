/**
 * A platform refused to let the bot in (a token it does not accept, an API it cannot reach).
 * Start-up ends on it with one line saying which setting to fix, never a stack trace.
 */
export class PlatformLoginError extends Error {
  override readonly name = 'PlatformLoginError';
}
