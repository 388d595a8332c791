package dev.actorspring.it;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** An actor whose action takes a few milliseconds, to fill its mailbox; and a state that can grow. */
@Actor("slow")
public class Slow {

	public static class State {

		public long count;

		public String text = "";

	}

	@Action
	public long work(ActorContext<State> c, int millis) throws InterruptedException {
		Thread.sleep(millis);
		return ++c.state().count;
	}

	@Action
	public long count(ActorContext<State> c) {
		return c.state().count;
	}

	@Action
	public int grow(ActorContext<State> c, int chars) {
		c.state().text = c.state().text + "x".repeat(chars);
		return c.state().text.length();
	}

}
