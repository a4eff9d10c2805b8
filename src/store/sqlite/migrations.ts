import type Database from 'better-sqlite3';
import { speakerKey } from '../../analysis/quotes/speaker-key.ts';
import { aliasKeys } from '../speaker-names.ts';

/** SQL, or code for a change SQL cannot express; each runs inside the migration's transaction. */
export type Migration = string | ((db: Database.Database) => void);

/**
 * Versioned schema changes, applied in order and recorded in `PRAGMA user_version`. Never edit a
 * migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    origin TEXT NOT NULL,
    raw TEXT NOT NULL,
    captions TEXT NOT NULL,
    removed TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    -- The date a digest or time window reads: published when known, else ingested.
    dated TEXT NOT NULL
  );
  CREATE INDEX articles_dated ON articles(dated);
  CREATE INDEX articles_ingested ON articles(ingested_at);

  CREATE TABLE paragraphs (
    rowid INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    UNIQUE (article_seq, idx)
  );

  -- External-content FTS5 over the clean paragraphs; diacritics folded so "Erdoğan" finds "Erdogan".
  CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
  );

  CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    role TEXT,
    quote TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'reported')),
    cue TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
  );
  CREATE INDEX quotes_speaker ON quotes(speaker_key);
  CREATE INDEX quotes_article ON quotes(article_seq, paragraph);

  -- Every name form a speaker appeared under ("rouhani", "hassan rouhani"), for forgiving look-up.
  CREATE TABLE speaker_aliases (
    alias_key TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    PRIMARY KEY (alias_key, speaker_key)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE subscriptions (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    topics TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_digest_at TEXT,
    last_error TEXT,
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;
  `,
  `
  -- Articles from a feed's first poll: stored and searchable, but never "new" for a digest.
  ALTER TABLE articles ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE feed_state (
    url TEXT PRIMARY KEY,
    state TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE feed_seen (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
  ) WITHOUT ROWID;
  `,
  `
  -- The digest delivery ledger: one row per channel and digest period (the channel's local date).
  -- The row is the claim: INSERT wins once across processes; its state moves claimed -> posted
  -- (or failed, skipped, uncertain when a claimer died between posting and recording).
  CREATE TABLE digest_deliveries (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    period TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'skipped', 'uncertain')),
    owner TEXT NOT NULL,
    owner_host TEXT NOT NULL,
    owner_pid INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    since TEXT,
    done_at TEXT,
    note TEXT,
    attempts INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (platform, channel_id, period)
  ) WITHOUT ROWID;
  CREATE INDEX digest_deliveries_open ON digest_deliveries(state, lease_until);
  `,
  // Speaker keys were `comparable()` and alias keys `speakerKey()`, which fold "ø" and "ł"
  // differently: every key is rewritten with the one folding the store now uses.
  (db) => {
    db.function('nb_speaker_key', { deterministic: true }, (name) => speakerKey(String(name)));
    db.exec(
      'UPDATE quotes SET speaker_key = nb_speaker_key(speaker); DELETE FROM speaker_aliases;',
    );
    const insert = db.prepare(
      'INSERT OR IGNORE INTO speaker_aliases (alias_key, speaker_key) VALUES (?, ?)',
    );
    const speakers = db
      .prepare<[], { speaker: string }>('SELECT DISTINCT speaker FROM quotes')
      .all();
    for (const { speaker } of speakers) {
      for (const alias of aliasKeys(speaker)) insert.run(alias, speakerKey(speaker));
    }
  },
  `
  -- Stories (src/stories decides which story an article joins; these rows keep the result).
  -- centroid and title_vector are JSON [[term, weight], ...]; center is the mean article time.
  CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    center TEXT NOT NULL,
    size INTEGER NOT NULL,
    title_vector TEXT NOT NULL,
    centroid TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX stories_last ON stories(last);

  -- A story's key terms, with its center copied so that a look-up is one index range per term.
  CREATE TABLE story_keys (
    term TEXT NOT NULL,
    center TEXT NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (term, center, story_id)
  ) WITHOUT ROWID;
  CREATE INDEX story_keys_story ON story_keys(story_id);

  -- Every appearance of an article in a story: a syndicated copy is one more row, its own outlet
  -- ('' when unknown). The same article from the same outlet again adds nothing.
  CREATE TABLE story_members (
    article_id TEXT NOT NULL,
    outlet TEXT NOT NULL,
    story_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published TEXT,
    dated TEXT NOT NULL,
    PRIMARY KEY (article_id, outlet)
  ) WITHOUT ROWID;
  CREATE INDEX story_members_story ON story_members(story_id, dated);

  -- Document frequencies for incremental IDF, and how many articles were counted.
  CREATE TABLE story_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE story_documents (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n INTEGER NOT NULL
  );
  INSERT INTO story_documents (one, n) VALUES (1, 0);
  `,
  `
  -- Who polls a feed now: processes sharing the store take turns, a lease at a time.
  CREATE TABLE feed_leases (
    url TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Stories as an ordinary (rowid) table. WITHOUT ROWID keeps whole rows in the primary-key
  -- b-tree, and a story's row (its JSON centroid and title vector, about 3 KB) overflows its page:
  -- every look-up by id then read the overflow pages of the keys it compared on the way down
  -- (SQLite reads a whole overflowing key to compare it). 60 stories took 30-60 ms from a
  -- 100,000-article store whose pages were all in the OS cache. Now the id index is small and a
  -- row's leading columns (id, title, dates) are read without its vectors.
  CREATE TABLE stories_rowid (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    center TEXT NOT NULL,
    size INTEGER NOT NULL,
    title_vector TEXT NOT NULL,
    centroid TEXT NOT NULL
  );
  INSERT INTO stories_rowid SELECT id, title, first, last, center, size, title_vector, centroid
    FROM stories;
  DROP TABLE stories;
  ALTER TABLE stories_rowid RENAME TO stories;
  CREATE INDEX stories_last ON stories(last);
  `,
  `
  -- Stories merged into others (src/stories merges two live stories whose centroids meet): the
  -- merged id keeps answering as the story it joined, so links and "/brief <id>" already shown
  -- still work.
  CREATE TABLE story_aliases (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX story_aliases_story ON story_aliases(story_id);
  `,
  `
  -- "/who trump" counts a name's quotes by speaker and spelling. With the key alone indexed, each
  -- of the 150,000 counted rows of a 100,000-article store was read from the table (2.1 s); with
  -- the spelling in the index the count reads the index only (0.05 s).
  DROP INDEX quotes_speaker;
  CREATE INDEX quotes_speaker ON quotes(speaker_key, speaker);
  `,
  `
  -- How many quotes each speaker has, by key and spelling, kept as quotes are written: "/who
  -- trump" counted them on every asking, 140,000 index entries at 100,000 articles (0.1-0.3 s).
  -- A migration that rewrites speaker keys must rebuild this table too.
  CREATE TABLE speaker_counts (
    speaker_key TEXT NOT NULL,
    speaker TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (speaker_key, speaker)
  ) WITHOUT ROWID;
  INSERT INTO speaker_counts (speaker_key, speaker, n)
    SELECT speaker_key, speaker, COUNT(*) FROM quotes GROUP BY speaker_key, speaker;
  `,
  `
  -- Paragraphs are searched by word stem, as the PostgreSQL store's English text search does:
  -- "/brief trump mexico visit" found 5 paragraphs, because the coverage says "visits",
  -- "visited" and "visiting". The Porter stemmer wraps the same tokenizer (diacritics folded);
  -- the index is rebuilt from the paragraphs it indexes.
  DROP TABLE paragraphs_fts;
  CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
  );
  INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild');
  `,
];
