-- The journal of SqlTurnBenchmark: one row per append, in each instance's own file.
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);
