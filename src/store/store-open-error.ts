/** The configured store could not be opened: unreachable, refused, or not ours to migrate. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** A database URL fit for a message: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
