-- Narrow indexes that tell a search match's community without reading the article or quotation row.
-- A search ranks up to 2,000 full-text matches and keeps those of the asker's community; reading
-- each wide row for its community cost 3x the full-text query itself at 100,000 articles.
CREATE INDEX articles_community_of ON articles(id, community_id);
CREATE INDEX quotations_community_of ON quotations(id, community_id, words);
