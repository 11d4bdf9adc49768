-- Articles, quotations, summaries, cited sources, the audit log and their full-text indexes.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE TABLE quotations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX quotations_article ON quotations(article_id);
CREATE TABLE summaries (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    length TEXT NOT NULL,
    engine TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, length)
) WITHOUT ROWID;
CREATE TABLE cited_sources (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'outlet', 'person')),
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cited_sources_article ON cited_sources(article_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    place TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE VIRTUAL TABLE quotations_fts USING fts5(
    text, speaker, content='quotations', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotations_ai AFTER INSERT ON quotations BEGIN
    INSERT INTO quotations_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotations_ad AFTER DELETE ON quotations BEGIN
    INSERT INTO quotations_fts(quotations_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, old.speaker);
END;
