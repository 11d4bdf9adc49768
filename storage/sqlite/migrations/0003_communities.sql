-- Communities: every article, quotation, feed, setting and audit entry belongs to one community.
-- pragma: foreign_keys=off
--
-- A community owns a library; guilds, rooms and console names ("spaces") point at the
-- community whose library they use. Article and feed numbers count per community and are never
-- handed out twice. The library of an older database becomes the community `default` (the
-- console's and the command line's), with the numbers it had. Search indexes gain a column of
-- character pairs for unspaced scripts (Chinese, Japanese, Korean); quotation offsets are renamed
-- away from the reserved word `end`. The unused adapter_state table is dropped.

CREATE TABLE communities (
    -- Never reused: a process that cached a purged community's key must not find another's.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    next_article INTEGER NOT NULL DEFAULT 1,
    next_feed INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE spaces (
    space TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    left_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX spaces_community ON spaces(community_id);
CREATE TABLE settings (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (community_id, name)
) WITHOUT ROWID;
CREATE TABLE shares (
    owner_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    reader_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    following INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, reader_id)
) WITHOUT ROWID;
CREATE INDEX shares_reader ON shares(reader_id);
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;

INSERT INTO communities(id, name, created_at, next_article, next_feed)
SELECT 1, 'default', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'),
       coalesce((SELECT max(id) FROM articles), 0) + 1,
       coalesce((SELECT max(id) FROM feeds), 0) + 1
WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM feeds)
   OR EXISTS (SELECT 1 FROM audit_log);
INSERT INTO spaces(space, community_id, added_at)
SELECT 'console:default', id, created_at FROM communities WHERE id = 1;

-- Articles: numbered per community; the same text may be in two communities, not twice in one.
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
CREATE TABLE articles_v3 (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
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
    UNIQUE (community_id, number),
    UNIQUE (community_id, content_hash)
);
INSERT INTO articles_v3(id, community_id, number, title, author, outlet, url, canonical_url,
                        published, language, text, cjk, word_count, content_hash, added_by,
                        added_at)
SELECT a.id, 1, a.id, a.title, a.author, a.outlet, a.url,
       CASE WHEN a.canonical_url = '' OR a.id = (SELECT min(b.id) FROM articles b
                                                 WHERE b.canonical_url = a.canonical_url)
            THEN a.canonical_url ELSE '' END,
       a.published, a.language, a.text, cjk_terms(a.title, a.text), a.word_count,
       a.content_hash, a.added_by, a.added_at
FROM articles a;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
CREATE UNIQUE INDEX articles_canonical_url ON articles(community_id, canonical_url)
    WHERE canonical_url != '';

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, cjk, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, cjk)
    VALUES (new.id, new.title, new.text, new.cjk);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, cjk)
    VALUES ('delete', old.id, old.title, old.text, old.cjk);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text, cjk ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, cjk)
    VALUES ('delete', old.id, old.title, old.text, old.cjk);
    INSERT INTO articles_fts(rowid, title, text, cjk)
    VALUES (new.id, new.title, new.text, new.cjk);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- Quotations: the community is kept beside each (speakers and random picks need no join).
DROP TRIGGER quotations_ai;
DROP TRIGGER quotations_ad;
DROP TABLE quotations_fts;
CREATE TABLE quotations_v3 (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    cjk TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
INSERT INTO quotations_v3(id, article_id, community_id, text, speaker, cjk, words, char_start,
                          char_end)
SELECT id, article_id, 1, text, speaker, cjk_terms(text),
       length(trim(text)) - length(replace(trim(text), ' ', '')) + 1, start, "end"
FROM quotations;
DROP TABLE quotations;
ALTER TABLE quotations_v3 RENAME TO quotations;
CREATE INDEX quotations_article ON quotations(article_id);
CREATE INDEX quotations_community ON quotations(community_id);
CREATE INDEX quotations_speaker ON quotations(community_id, speaker) WHERE speaker != '';
CREATE VIRTUAL TABLE quotations_fts USING fts5(
    text, speaker, cjk, content='quotations', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotations_ai AFTER INSERT ON quotations BEGIN
    INSERT INTO quotations_fts(rowid, text, speaker, cjk)
    VALUES (new.id, new.text, new.speaker, new.cjk);
END;
CREATE TRIGGER quotations_ad AFTER DELETE ON quotations BEGIN
    INSERT INTO quotations_fts(quotations_fts, rowid, text, speaker, cjk)
    VALUES ('delete', old.id, old.text, old.speaker, old.cjk);
END;
INSERT INTO quotations_fts(quotations_fts) VALUES ('rebuild');

-- Summaries: cached per article, length and engine (extractive, or a language model's).
CREATE TABLE summaries_v3 (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    length TEXT NOT NULL,
    engine TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, length, engine)
) WITHOUT ROWID;
INSERT INTO summaries_v3(article_id, length, engine, text)
SELECT article_id, length, 'extractive', text FROM summaries;
DROP TABLE summaries;
ALTER TABLE summaries_v3 RENAME TO summaries;

-- Feeds: numbered per community; entries hang off their feed as before.
CREATE TABLE feeds_v3 (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
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
    UNIQUE (community_id, number),
    UNIQUE (community_id, url, place)
);
INSERT INTO feeds_v3(id, community_id, number, url, place, title, interval_seconds, etag,
                     last_modified, failures, paused_reason, next_poll_at, added_by, added_at)
SELECT id, 1, id, url, place, title, interval_seconds, etag, last_modified, failures,
       paused_reason, next_poll_at, added_by, added_at
FROM feeds;
DROP TABLE feeds;
ALTER TABLE feeds_v3 RENAME TO feeds;
CREATE INDEX feeds_due ON feeds(next_poll_at) WHERE paused_reason = '';

-- The audit log: each community reads its own.
CREATE TABLE audit_log_v3 (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    place TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_log_v3(id, community_id, at, actor, place, action, target, detail)
SELECT id, 1, at, actor, place, action, target, detail FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;
CREATE INDEX audit_log_community ON audit_log(community_id, id);

DROP TABLE adapter_state;
