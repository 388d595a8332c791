package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statements of a turn connection: the same SQL prepared again after its close is the same statement, made as
 * new; a second one prepared while the first is in use is its own; the cache holds a bounded number and lets go of
 * the least recently used; releasing the connection finalizes them.
 */
class TurnConnectionTests {

	@TempDir
	Path dir;

	private Connection sqlite;

	private TurnConnection turn;

	@BeforeEach
	void open() throws SQLException {
		this.sqlite = DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("actor.db"));
		try (Statement statement = this.sqlite.createStatement()) {
			statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)");
		}
		this.turn = new TurnConnection(this.sqlite);
	}

	@AfterEach
	void close() throws SQLException {
		this.turn.release();
		this.sqlite.close();
	}

	@Test
	void statementsMadeBeforeTheTransactionWasLostRefuseToRunAfterIt() throws SQLException {
		java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
		this.turn.release();
		this.turn = new TurnConnection(this.sqlite, lost::get);
		Statement plain = this.turn.createStatement();
		PreparedStatement prepared = this.turn.prepareStatement("INSERT INTO t (text) VALUES ('p')");
		plain.executeUpdate("INSERT INTO t (text) VALUES ('before')");
		lost.set(true);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> plain.executeUpdate("INSERT INTO t (text) VALUES ('after')"))
			.withMessageContaining("rolled back");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(prepared::executeUpdate)
			.withMessageContaining("rolled back");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(this.turn::createStatement);
		try (Statement count = this.sqlite.createStatement(); ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM t")) {
			rows.next();
			org.assertj.core.api.Assertions.assertThat(rows.getInt(1)).isEqualTo(1);
		}
	}

	@Test
	void aConnectionKeptPastItsReleaseMakesNoPlainStatement() throws SQLException {
		this.turn.release();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(this.turn::createStatement);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.turn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
		try (Statement count = this.sqlite.createStatement(); ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM t")) {
			rows.next();
			org.assertj.core.api.Assertions.assertThat(rows.getInt(1)).isZero();
		}
	}

	@Test
	void theSameSqlAfterItsCloseIsTheSameStatementMadeAsNew() throws SQLException {
		PreparedStatement first = this.turn.prepareStatement("INSERT INTO t (text) VALUES (?)");
		first.setString(1, "b");
		assertThat(first.executeUpdate()).isEqualTo(1);
		first.setString(1, "a");
		first.addBatch(); // left unexecuted
		first.setString(1, "c");
		first.close();
		PreparedStatement again = this.turn.prepareStatement("INSERT INTO t (text) VALUES (?)");
		assertThat(again).isSameAs(first);
		// its batch and its parameter were cleared: the batch of "a" does not run, and an unset parameter is null
		assertThat(again.executeBatch()).isEmpty();
		assertThat(again.executeUpdate()).isEqualTo(1);
		again.close();
		assertThat(texts()).isEqualTo("b,null");
		assertThat(again.getConnection()).isSameAs(this.turn);
	}

	@Test
	void aResultSetLeftOpenIsClosedWhenItsStatementComesBack() throws SQLException {
		insert("a", "b");
		PreparedStatement query = this.turn.prepareStatement("SELECT text FROM t ORDER BY id");
		ResultSet rows = query.executeQuery();
		assertThat(rows.next()).isTrue();
		query.close(); // the caller did not close its result set
		assertThat(rows.isClosed()).isTrue();
		PreparedStatement again = this.turn.prepareStatement("SELECT text FROM t ORDER BY id");
		assertThat(again).isSameAs(query);
		try (ResultSet all = again.executeQuery()) {
			assertThat(all.next()).isTrue();
			assertThat(all.getString(1)).isEqualTo("a"); // from the first row again
		}
		again.close();
	}

	@Test
	void theSameSqlPreparedWhileItsStatementIsInUseIsAnotherOneFinalizedAtItsClose() throws SQLException {
		insert("a", "b");
		PreparedStatement outer = this.turn.prepareStatement("SELECT text FROM t WHERE id >= ? ORDER BY id");
		outer.setInt(1, 1);
		try (ResultSet rows = outer.executeQuery()) {
			assertThat(rows.next()).isTrue();
			PreparedStatement inner = this.turn.prepareStatement("SELECT text FROM t WHERE id >= ? ORDER BY id");
			assertThat(inner).isNotSameAs(outer);
			inner.setInt(1, 2);
			try (ResultSet innerRows = inner.executeQuery()) {
				assertThat(innerRows.next()).isTrue();
				assertThat(innerRows.getString(1)).isEqualTo("b");
			}
			inner.close();
			assertThat(inner.isClosed()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("a"); // the outer query went on undisturbed
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("b");
		}
		outer.close();
		assertThat(outer.isClosed()).isTrue(); // for its caller; kept for the next one
		assertThat(this.turn.prepareStatement("SELECT text FROM t WHERE id >= ? ORDER BY id")).isSameAs(outer);
		assertThat(outer.isClosed()).isFalse();
	}

	@Test
	void aStatementRunAfterItsCloseFailsAsClosed() throws SQLException {
		PreparedStatement statement = this.turn.prepareStatement("SELECT 1");
		statement.close();
		assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("closed");
		assertThatThrownBy(statement::execute).isInstanceOf(SQLException.class).hasMessageContaining("closed");
	}

	@Test
	void aQueryRunButNotReadHoldsNothingOnceHandedBack() throws SQLException {
		insert("a", "b");
		PreparedStatement query = this.turn.prepareStatement("SELECT text FROM t");
		assertThat(query.execute()).isTrue(); // its result set never asked for: the statement stays stepped
		query.close();
		try (Statement drop = this.sqlite.createStatement()) {
			drop.execute("DROP TABLE t"); // "database table is locked" while a statement on it is active
		}
	}

	@Test
	void aStatementThatClosesWithItsResultSetIsNotHandedOutAgain() throws SQLException {
		insert("a");
		PreparedStatement query = this.turn.prepareStatement("SELECT text FROM t");
		query.closeOnCompletion();
		try (ResultSet rows = query.executeQuery()) {
			assertThat(rows.next()).isTrue();
		}
		assertThat(query.isClosed()).isTrue();
		PreparedStatement next = this.turn.prepareStatement("SELECT text FROM t");
		assertThat(next).isNotSameAs(query);
		next.close();
	}

	@Test
	void theCacheKeepsTheMostRecentlyUsedStatementsAndFinalizesTheOthers() throws SQLException {
		PreparedStatement first = this.turn.prepareStatement("SELECT 0");
		first.close();
		for (int i = 1; i <= TurnConnection.MAX_STATEMENTS; i++) {
			this.turn.prepareStatement("SELECT " + i).close();
		}
		assertThat(this.turn.cachedStatements()).isEqualTo(TurnConnection.MAX_STATEMENTS);
		assertThat(first.isClosed()).isTrue(); // the least recently used one went
		PreparedStatement recent = this.turn.prepareStatement("SELECT " + TurnConnection.MAX_STATEMENTS);
		assertThat(recent.isClosed()).isFalse();
		try (ResultSet row = recent.executeQuery()) {
			assertThat(row.getInt(1)).isEqualTo(TurnConnection.MAX_STATEMENTS);
		}
		recent.close();
	}

	@Test
	void generatedKeysAreTheLastInsertedRowIdWhenAskedFor() throws SQLException {
		insert("a");
		try (PreparedStatement insert = this.turn.prepareStatement("INSERT INTO t (text) VALUES (?)",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setString(1, "b");
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				assertThat(keys.next()).isTrue();
				assertThat(keys.getLong(1)).isEqualTo(2);
			}
		}
	}

	@Test
	void releasingFinalizesTheCachedStatementsAndAHeldOneFailsAsClosed() throws SQLException {
		PreparedStatement held = this.turn.prepareStatement("SELECT 1");
		held.close();
		PreparedStatement inUse = this.turn.prepareStatement("SELECT 2");
		this.turn.release();
		assertThat(held.isClosed()).isTrue();
		assertThat(this.turn.isClosed()).isTrue();
		assertThatThrownBy(() -> this.turn.prepareStatement("SELECT 1")).isInstanceOf(SQLException.class);
		inUse.close(); // finalized now, not kept
		assertThat(inUse.isClosed()).isTrue();
		this.turn = new TurnConnection(this.sqlite); // for close()
	}

	private void insert(String... texts) throws SQLException {
		try (PreparedStatement insert = this.sqlite.prepareStatement("INSERT INTO t (text) VALUES (?)")) {
			for (String text : texts) {
				insert.setString(1, text);
				insert.executeUpdate();
			}
		}
	}

	private String texts() throws SQLException {
		StringBuilder all = new StringBuilder();
		try (Statement query = this.sqlite.createStatement();
				ResultSet rows = query.executeQuery("SELECT text FROM t ORDER BY id")) {
			while (rows.next()) {
				all.append((all.length() > 0) ? "," : "").append(rows.getString(1));
			}
		}
		return all.toString();
	}

}
