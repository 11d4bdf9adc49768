-- The library: communities, articles, quotations, summaries, sources, feeds, the audit log.
--
-- The same tables as SQLite's schema 3, plus a stored tsvector per article (title weighted
-- above text) and per quotation, each with a GIN index. The `articlebot` text search
-- configuration stems English without dropping stop words and folds accents (unaccent), as the
-- SQLite index does (porter, unicode61, remove_diacritics); the `cjk` columns hold character
-- pairs of unspaced scripts, indexed with the `simple` configuration.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY articlebot_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION articlebot (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION articlebot
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, articlebot_stem;

CREATE TABLE communities (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    next_article INTEGER NOT NULL DEFAULT 1,
    next_feed INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE spaces (
    space TEXT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    left_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX spaces_community ON spaces(community_id);
CREATE TABLE settings (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (community_id, name)
);
CREATE TABLE shares (
    owner_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    reader_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    following INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, reader_id)
);
CREATE INDEX shares_reader ON shares(reader_id);
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);

CREATE TABLE articles (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    cjk TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('articlebot', title), 'A')
        || setweight(to_tsvector('articlebot', text), 'B')
        || setweight(to_tsvector('simple', cjk), 'B')
    ) STORED,
    title_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('articlebot', title)) STORED,
    UNIQUE (community_id, number),
    UNIQUE (community_id, content_hash)
);
CREATE UNIQUE INDEX articles_canonical_url ON articles(community_id, canonical_url)
    WHERE canonical_url != '';
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_title_tsv ON articles USING GIN (title_tsv);

CREATE TABLE quotations (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    cjk TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (
        to_tsvector('articlebot', text) || to_tsvector('simple', cjk)
    ) STORED,
    speaker_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('articlebot', speaker)) STORED
);
CREATE INDEX quotations_article ON quotations(article_id);
CREATE INDEX quotations_community ON quotations(community_id, id);
CREATE INDEX quotations_speaker ON quotations(community_id, speaker) WHERE speaker != '';
CREATE INDEX quotations_tsv ON quotations USING GIN (tsv);
CREATE INDEX quotations_speaker_tsv ON quotations USING GIN (speaker_tsv);

CREATE TABLE summaries (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    length TEXT NOT NULL,
    engine TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, length, engine)
);
CREATE TABLE cited_sources (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'outlet', 'person')),
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cited_sources_article ON cited_sources(article_id);

CREATE TABLE feeds (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    url TEXT NOT NULL,
    place TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    interval_seconds INTEGER NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    failures INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT NOT NULL DEFAULT '',
    next_poll_at DOUBLE PRECISION NOT NULL DEFAULT 0,
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    UNIQUE (community_id, number),
    UNIQUE (community_id, url, place)
);
CREATE INDEX feeds_due ON feeds(next_poll_at) WHERE paused_reason = '';
CREATE TABLE feed_entries (
    feed_id BIGINT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,
    article_id BIGINT,
    seen_at TEXT NOT NULL,
    announced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, entry_key)
);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    place TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_community ON audit_log(community_id, id);
