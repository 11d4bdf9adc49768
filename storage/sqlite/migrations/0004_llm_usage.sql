-- Requests each community sent to the operator's language model, per day (its daily budget).
CREATE TABLE llm_usage (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (community_id, day)
) WITHOUT ROWID;
