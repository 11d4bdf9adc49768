-- Canonical URLs and languages of articles, feeds, and adapter state.

ALTER TABLE articles ADD COLUMN canonical_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url != '';
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    place TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    interval_seconds INTEGER NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    failures INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT NOT NULL DEFAULT '',
    next_poll_at REAL NOT NULL DEFAULT 0,
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    UNIQUE (url, place)
);
CREATE TABLE feed_entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,
    article_id INTEGER,
    seen_at TEXT NOT NULL,
    announced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, entry_key)
) WITHOUT ROWID;
CREATE TABLE adapter_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
