package dev.actorspring.runtime.instance;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.actorspring.api.ActorQueue;
import dev.actorspring.codec.ActorCodec;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One durable queue as an action sees it ({@code ActorContext.queue(name)}): read with the turn's SQL, in the turn's
 * transaction.
 *
 * @param name the queue name
 * @param sql the client on the turn's database
 * @param queueTable the statement that makes the table of waiting messages
 * @param deadTable the statement that makes the table of dead letters
 * @param codec reads the dead letters' bodies
 */
record QueueView(String name, JdbcClient sql, String queueTable, String deadTable, ActorCodec codec)
		implements ActorQueue {

	@Override
	public int size() {
		this.sql.sql(this.queueTable).update();
		return this.sql.sql("SELECT COUNT(*) FROM _queue WHERE queue = ?").param(this.name).query(Integer.class).single();
	}

	@Override
	public List<DeadMessage> deadLetters() {
		this.sql.sql(this.deadTable).update();
		return this.sql.sql("SELECT id, body, attempts, error, failed_at FROM _queue_dead WHERE queue = ? ORDER BY id")
			.param(this.name)
			.query((row, index) -> new DeadMessage(row.getLong(1),
					this.codec.decode(row.getString(2).getBytes(StandardCharsets.UTF_8), this.codec.type(Object.class)),
					row.getInt(3), row.getString(4), row.getLong(5)))
			.list();
	}

}
