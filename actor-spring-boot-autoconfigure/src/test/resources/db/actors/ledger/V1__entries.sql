-- The ledger actor's own table: one row per entry, in the instance's own SQLite file.
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  amount INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX entries_note ON entries (note);
