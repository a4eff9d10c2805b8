/**
 * The words every digest carries in its footer, e.g. `nb-digest:2026-11-25`: what
 * `DigestAdapter.findDigest` looks for to tell whether a crashed process's post went out.
 */
export function digestMarker(period: string): string {
  return `nb-digest:${period}`;
}
