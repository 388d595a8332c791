CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
INSERT INTO notes (text) VALUES ('seeded by the migration');
