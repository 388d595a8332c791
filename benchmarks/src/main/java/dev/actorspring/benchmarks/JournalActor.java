package dev.actorspring.benchmarks;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** SqlTurnBenchmark's actor: each append is one INSERT into its own table through {@code ctx.sql()}. */
@Actor("journal")
public class JournalActor {

	public static class State {

		public long appended;

	}

	@Action
	public long append(ActorContext<State> c, String text) {
		c.sql().sql("INSERT INTO entries (text) VALUES (?)").param(text).update();
		return ++c.state().appended;
	}

}
