package dev.actorspring.it;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;

@Actor("counter")
public class Counter {

	public static class State {

		public long count;

	}

	@Action
	public long increment(ActorContext<State> c, long by) {
		c.state().count += by;
		c.broadcast("changed", c.state().count);
		return c.state().count;
	}

	@Action
	public long get(ActorContext<State> c) {
		return c.state().count;
	}

	@Action
	public long incrementThenFail(ActorContext<State> c) {
		c.state().count += 1000;
		c.broadcast("changed", c.state().count);
		throw new IllegalStateException("secret internal detail");
	}

	@Action
	public void refuse(ActorContext<State> c) {
		c.state().count = -1;
		throw new ActorException("not_today", "This counter refuses.", 422);
	}

}
