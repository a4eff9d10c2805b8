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
];
