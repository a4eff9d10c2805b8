/** How a store reads and writes its term document frequencies (the `story_terms` table). */
export interface TermCountTable {
  read(terms: readonly string[]): Map<string, number>;
  readDocuments(): number;
  /** Adds the counts in one transaction. */
  add(terms: ReadonlyMap<string, number>, documents: number): void;
}

/** Distinct terms whose counts wait in memory before they are written. */
const FLUSH_TERMS = 100_000;
/** Counts remembered as read from the table (a few MB at most); cleared when full. */
const MAX_KNOWN = 200_000;

/**
 * Document frequencies for incremental IDF, counted in memory and written now and then. Ingest
 * counts about 75 terms per article: writing them with every batch was a third of the time
 * story assignment added to ingest, and the same common words were rewritten batch after batch.
 * Pending counts are read back with the stored ones and written when many have gathered and at
 * close; a crash loses at most those, which only makes IDF a little less exact. Other processes
 * see a count once it is written.
 */
export class TermCounts {
  readonly #table: TermCountTable;
  readonly #pending = new Map<string, number>();
  #pendingDocuments = 0;
  /** Counts read from the table (without pending ones). */
  readonly #known = new Map<string, number>();
  #knownDocuments: number | undefined;

  constructor(table: TermCountTable) {
    this.#table = table;
  }

  read(terms: readonly string[]): { documents: number; df: Map<string, number> } {
    let missing = terms.filter((t) => !this.#known.has(t));
    if (missing.length > 0) {
      // Full: forget everything and read all of `terms` again (none of them may be lost).
      if (this.#known.size + missing.length > MAX_KNOWN) {
        this.#known.clear();
        missing = [...terms];
      }
      const found = this.#table.read(missing);
      for (const t of missing) this.#known.set(t, found.get(t) ?? 0);
    }
    this.#knownDocuments ??= this.#table.readDocuments();
    const df = new Map<string, number>();
    for (const t of terms) {
      const n = (this.#known.get(t) ?? 0) + (this.#pending.get(t) ?? 0);
      if (n > 0) df.set(t, n);
    }
    return { documents: this.#knownDocuments + this.#pendingDocuments, df };
  }

  add(terms: ReadonlyMap<string, number>, documents: number): void {
    for (const [t, n] of terms) this.#pending.set(t, (this.#pending.get(t) ?? 0) + n);
    this.#pendingDocuments += documents;
    if (this.#pending.size >= FLUSH_TERMS) this.flush();
  }

  /** Writes the pending counts; what was written is then known as read. */
  flush(): void {
    if (this.#pending.size === 0 && this.#pendingDocuments === 0) return;
    this.#table.add(this.#pending, this.#pendingDocuments);
    for (const [t, n] of this.#pending)
      if (this.#known.has(t)) this.#known.set(t, (this.#known.get(t) ?? 0) + n);
    if (this.#knownDocuments !== undefined) this.#knownDocuments += this.#pendingDocuments;
    this.#pending.clear();
    this.#pendingDocuments = 0;
  }
}
