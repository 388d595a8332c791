package dev.actorspring.it;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.Supervision;

/** An actor reloaded after unexpected failures (Supervision.RESTART), whose vars may fail to build. */
@Actor(value = "fragile", supervision = Supervision.RESTART)
public class Fragile {

	/** Set by tests: the next @CreateVars throws. */
	public static final AtomicBoolean FAIL_NEXT_WAKE = new AtomicBoolean();

	public static class State {

		public int saved;

	}

	public static class Vars {

		public int calls;

	}

	@CreateVars
	public Vars createVars(ActorContext<State> c) {
		if (FAIL_NEXT_WAKE.getAndSet(false)) {
			throw new IllegalStateException("the profile service is down");
		}
		return new Vars();
	}

	@Action
	public int touch(ActorContext<State> c) {
		c.state().saved++;
		Vars vars = c.vars();
		return ++vars.calls;
	}

	@Action
	public void boom(ActorContext<State> c) {
		c.state().saved = -1;
		throw new IllegalStateException("boom");
	}

	@Action
	public int saved(ActorContext<State> c) {
		return c.state().saved;
	}

}
