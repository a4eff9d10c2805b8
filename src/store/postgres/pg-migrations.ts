import type { PoolClient } from 'pg';

/** SQL, or code for a change SQL cannot express; each runs inside the migration transaction. */
export type PgMigration = string | ((client: PoolClient) => Promise<void>);

/**
 * Versioned schema changes, applied in order and recorded in `newsbrief_schema`. Never edit a
 * migration that has shipped: add the next one. Times are ISO text compared byte-wise
 * (`COLLATE "C"`), exactly as in the SQLite store, whatever the database's locale.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  // Accents folded as SQLite's `remove_diacritics` does ("Erdoğan" finds "Erdogan"). A generated
  // column needs an immutable expression and `unaccent(text)` is only stable (it reads the
  // search path), so the wrapper names its dictionary with the extension's own schema.
  async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    const { rows } = await client.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'unaccent'`,
    );
    const schema = `"${(rows[0]?.schema ?? 'public').replaceAll('"', '""')}"`;
    await client.query(
      `CREATE FUNCTION nb_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT ${schema}.unaccent('${schema}.unaccent'::regdictionary, $1) $$`,
    );
  },
  `
  CREATE TABLE articles (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    title text NOT NULL,
    outlet text,
    url text,
    published text COLLATE "C",
    origin text NOT NULL,
    raw text NOT NULL,
    captions jsonb NOT NULL,
    removed jsonb NOT NULL,
    ingested_at text COLLATE "C" NOT NULL,
    -- The date a digest or time window reads: published when known, else ingested.
    dated text COLLATE "C" NOT NULL,
    -- From a feed's first poll: stored and searchable, but never "new" for a digest.
    backfill boolean NOT NULL DEFAULT false
  );
  CREATE INDEX articles_dated ON articles (dated);
  CREATE INDEX articles_new ON articles (ingested_at DESC, seq DESC) WHERE NOT backfill;

  CREATE TABLE paragraphs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    idx integer NOT NULL,
    text text NOT NULL,
    sentences jsonb NOT NULL,
    -- English stemming over accent-folded text; stored, so ranking reads it instead of parsing.
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, nb_fold(text))) STORED,
    UNIQUE (article_seq, idx)
  );
  CREATE INDEX paragraphs_tsv ON paragraphs USING gin (tsv);

  CREATE TABLE quotes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    paragraph integer NOT NULL,
    speaker text NOT NULL,
    speaker_key text NOT NULL,
    role text,
    quote text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('direct', 'reported')),
    cue text,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL
  );
  CREATE INDEX quotes_speaker ON quotes (speaker_key);
  CREATE INDEX quotes_article ON quotes (article_seq, paragraph);

  -- Every name form a speaker appeared under ("rouhani", "hassan rouhani"), for forgiving look-up.
  CREATE TABLE speaker_aliases (
    alias_key text NOT NULL,
    speaker_key text NOT NULL,
    PRIMARY KEY (alias_key, speaker_key)
  );

  CREATE TABLE subscriptions (
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    time text NOT NULL,
    timezone text NOT NULL,
    topics jsonb NOT NULL,
    created_by text NOT NULL,
    created_at text NOT NULL,
    last_digest_at text,
    last_error text,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE feed_state (
    url text PRIMARY KEY,
    state jsonb NOT NULL
  );

  CREATE TABLE feed_seen (
    feed_url text NOT NULL,
    item_key text NOT NULL,
    seen_at text NOT NULL,
    PRIMARY KEY (feed_url, item_key)
  );

  -- The digest delivery ledger, as in SQLite: the row is the claim (INSERT wins once across
  -- processes); its state moves claimed -> posted, failed, skipped or uncertain.
  CREATE TABLE digest_deliveries (
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    period text COLLATE "C" NOT NULL,
    state text NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'skipped', 'uncertain')),
    owner text NOT NULL,
    owner_host text NOT NULL,
    owner_pid integer NOT NULL,
    claimed_at text COLLATE "C" NOT NULL,
    lease_until text COLLATE "C" NOT NULL,
    since text,
    done_at text,
    note text,
    attempts integer NOT NULL DEFAULT 1,
    PRIMARY KEY (platform, channel_id, period)
  );
  CREATE INDEX digest_deliveries_open ON digest_deliveries (state, lease_until);
  `,
  `
  -- Stories, as in the SQLite store (src/stories decides which story an article joins).
  CREATE TABLE stories (
    id text COLLATE "C" PRIMARY KEY,
    title text NOT NULL,
    first text COLLATE "C" NOT NULL,
    last text COLLATE "C" NOT NULL,
    center text COLLATE "C" NOT NULL,
    size integer NOT NULL,
    title_vector jsonb NOT NULL,
    centroid jsonb NOT NULL
  );
  CREATE INDEX stories_last ON stories (last);

  -- A story's key terms, with its center copied so that a look-up is one index range per term.
  CREATE TABLE story_keys (
    term text COLLATE "C" NOT NULL,
    center text COLLATE "C" NOT NULL,
    story_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (term, center, story_id)
  );
  CREATE INDEX story_keys_story ON story_keys (story_id);

  -- Every appearance of an article in a story; a syndicated copy is one more row ('' outlet
  -- when unknown).
  CREATE TABLE story_members (
    article_id text COLLATE "C" NOT NULL,
    outlet text COLLATE "C" NOT NULL,
    story_id text COLLATE "C" NOT NULL,
    title text NOT NULL,
    url text,
    published text COLLATE "C",
    dated text COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, outlet)
  );
  CREATE INDEX story_members_story ON story_members (story_id, dated);

  -- Document frequencies for incremental IDF, and how many articles were counted.
  CREATE TABLE story_terms (
    term text COLLATE "C" PRIMARY KEY,
    df bigint NOT NULL
  );
  CREATE TABLE story_documents (
    one integer PRIMARY KEY CHECK (one = 1),
    n bigint NOT NULL
  );
  `,
  `
  -- Who polls a feed now: processes sharing the store take turns, a lease at a time.
  CREATE TABLE feed_leases (
    url text PRIMARY KEY,
    owner text NOT NULL,
    lease_until text COLLATE "C" NOT NULL
  );
  `,
  `
  -- Stories merged into others, as in the SQLite store: the merged id answers as the one it joined.
  CREATE TABLE story_aliases (
    id text COLLATE "C" PRIMARY KEY,
    story_id text COLLATE "C" NOT NULL
  );
  CREATE INDEX story_aliases_story ON story_aliases (story_id);
  `,
  `
  -- As in the SQLite store: the spelling in the speaker index, so counting a name's quotes by
  -- speaker and spelling ("/who trump") can read the index alone.
  DROP INDEX quotes_speaker;
  CREATE INDEX quotes_speaker ON quotes (speaker_key, speaker);
  `,
  `
  -- As in the SQLite store: each speaker's quotes counted as they are written, so "/who trump"
  -- reads a few rows instead of counting 140,000 at 100,000 articles. A migration that rewrites
  -- speaker keys must rebuild this table too.
  CREATE TABLE speaker_counts (
    speaker_key text COLLATE "C" NOT NULL,
    speaker text COLLATE "C" NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (speaker_key, speaker)
  );
  INSERT INTO speaker_counts (speaker_key, speaker, n)
    SELECT speaker_key, speaker, COUNT(*) FROM quotes GROUP BY speaker_key, speaker;
  `,
];
