package dev.actorspring.cluster.app;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateState;

/**
 * An actor whose data is rows of its own SQLite file ({@code db/actors/notes/V1__init.sql}): the cluster
 * tests check that rows travel with the copies and that a read-only SQL action works after a wake.
 */
@Actor("notes")
public class Notes {

	@CreateState
	public State createState() {
		return new State("notes");
	}

	@Action
	public long add(ActorContext<Notes.State> ctx, String text) {
		ctx.sql().sql("INSERT INTO notes (text) VALUES (?)").param(text).update();
		return count(ctx);
	}

	@Action
	public long count(ActorContext<Notes.State> ctx) {
		return ctx.sql().sql("SELECT COUNT(*) FROM notes").query(Long.class).single();
	}

	public record State(String kind) {
	}

}
