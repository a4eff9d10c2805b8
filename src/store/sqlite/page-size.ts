// A module of its own: the benches' cached stores are keyed by it (scripts/real-corpus.ts).
/**
 * Page size of a new store, in bytes: SQLite's default, 4,096. Larger pages made ingest's writing
 * cheaper (16 KB: 0.87-0.90 against 1.01-1.03 ms per article in stop 19's runs, not reproducible
 * at load ~1.5 in stop 20's), but every read of one row copies a whole page, and the first
 * `/brief` in a fresh process reads hundreds of pages: on one 100,000-article store made 4, 8 and
 * 16 KB by VACUUM, the same code answered it in 64-66, 77-81 and 85-107 ms (target 100; `tsx
 * scripts/bench-brief.ts --child <db>`, alternating, warm OS cache). Existing stores keep theirs.
 */
export const PAGE_SIZE = 4_096;
