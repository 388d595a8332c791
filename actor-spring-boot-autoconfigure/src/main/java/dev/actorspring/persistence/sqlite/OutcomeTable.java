package dev.actorspring.persistence.sqlite;

/**
 * The SQL of the {@code _idempotency} table, where an actor's file keeps the outcomes of the calls made with an
 * idempotency key (see {@link dev.actorspring.persistence.StoredOutcome}). It is created with the first outcome a
 * file keeps; {@code seq} grows with every outcome, so the most recent ones are the highest.
 */
final class OutcomeTable {

	static final String CREATE = """
			CREATE TABLE IF NOT EXISTS _idempotency (
			  seq INTEGER PRIMARY KEY,
			  idempotency_key TEXT NOT NULL UNIQUE,
			  action TEXT NOT NULL,
			  fingerprint BLOB NOT NULL,
			  status INTEGER NOT NULL,
			  body BLOB NOT NULL,
			  created_at INTEGER NOT NULL
			)""";

	static final String INDEX = "CREATE INDEX IF NOT EXISTS _idempotency_created_at ON _idempotency (created_at)";

	static final String SELECT = """
			SELECT action, fingerprint, status, body, created_at FROM _idempotency WHERE idempotency_key = ?""";

	static final String INSERT = """
			INSERT OR REPLACE INTO _idempotency (idempotency_key, action, fingerprint, status, body, created_at)
			VALUES (?, ?, ?, ?, ?, ?)""";

	static final String PRUNE_EXPIRED = "DELETE FROM _idempotency WHERE created_at < ?";

	static final String PRUNE_SURPLUS = "DELETE FROM _idempotency WHERE seq <= (SELECT MAX(seq) FROM _idempotency) - ?";

	private OutcomeTable() {
	}

}
