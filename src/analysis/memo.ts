/**
 * `read` with its answers kept, for a pure function of a string that is asked the same keys
 * again and again (names and short phrases recur across articles). The cache is emptied when it
 * reaches `size` entries, so memory stays bounded however many articles pass; keys longer than
 * `maxKeyLength` (rarely repeated) are answered without being kept. Answers are shared between
 * callers: they must not be mutated.
 */
export function memo<R>(
  read: (key: string) => R,
  { size, maxKeyLength = Number.POSITIVE_INFINITY }: { size: number; maxKeyLength?: number },
): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    if (key.length > maxKeyLength) return read(key);
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as R;
    if (cache.size >= size) cache.clear();
    const answer = read(key);
    cache.set(key, answer);
    return answer;
  };
}
