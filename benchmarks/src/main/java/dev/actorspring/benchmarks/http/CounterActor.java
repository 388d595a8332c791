package dev.actorspring.benchmarks.http;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** The actor every benchmark measures (HTTP, JMH, lifecycle): a durable counter, one instance per key. */
@Actor("counter")
public class CounterActor {

	/** Its state. */
	public static class State {

		public long count;

	}

	@Action
	public long increment(ActorContext<State> c, long by) {
		c.state().count += by;
		return c.state().count;
	}

	@Action
	public long get(ActorContext<State> c) {
		return c.state().count;
	}

}
