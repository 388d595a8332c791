-- Each hour shard keeps its raw events in its own SQLite file and answers aggregates with SQL.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX events_url ON events (url);
