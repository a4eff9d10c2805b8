/** A source that cannot become an article, with one line that says why (shown per file, never fatal to a batch). */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}
