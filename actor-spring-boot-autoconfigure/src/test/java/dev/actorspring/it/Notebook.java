package dev.actorspring.it;

import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnCreate;

/** Uses ActorContext.sql() in actions and in createVars; tries it in @OnCreate, where it is not available. */
@Actor("notebook")
public class Notebook {

	public static class State {

		public String createError = "";

	}

	public record Vars(long notesAtWake) {

	}

	@OnCreate
	public void onCreate(ActorContext<State> c) {
		try {
			c.sql();
		}
		catch (IllegalStateException ex) {
			c.state().createError = ex.getMessage();
		}
	}

	@CreateVars
	public Vars vars(ActorContext<State> c) {
		return new Vars(c.sql().sql("SELECT COUNT(*) FROM notes").query(Long.class).single());
	}

	@Action
	public void write(ActorContext<State> c, String text) {
		c.sql().sql("INSERT INTO notes (text) VALUES (:text)").param("text", text).update();
	}

	@Action
	public List<String> read(ActorContext<State> c) {
		return c.sql().sql("SELECT text FROM notes ORDER BY id").query(String.class).list();
	}

	@Action
	public long notesAtWake(ActorContext<State> c) {
		return c.<Vars>vars().notesAtWake();
	}

	@Action
	public String createError(ActorContext<State> c) {
		return c.state().createError;
	}

}
