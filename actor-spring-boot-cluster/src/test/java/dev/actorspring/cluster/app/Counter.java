package dev.actorspring.cluster.app;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateState;

import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Value;

/**
 * A counter that says which node ran each increment: the cluster tests check that every acknowledged
 * increment is in the final count and that one key runs on one node at a time.
 */
@Actor("counter")
public class Counter {

	private final String node;

	public Counter(@Value("${server.port}") String node) {
		this.node = node;
	}

	@CreateState
	public State createState() {
		return new State(0);
	}

	@Action
	public Increment increment(ActorContext<State> ctx, int by) {
		State next = new State(ctx.state().count() + by);
		ctx.setState(next);
		ctx.broadcast("changed", next.count());
		return new Increment(next.count(), this.node);
	}

	/** The trace this turn runs in, from the logging MDC, and the node that ran it. */
	@Action
	public TraceSeen trace(ActorContext<State> ctx) {
		return new TraceSeen(String.valueOf(MDC.get("traceId")), String.valueOf(MDC.get("actorType")), this.node);
	}

	@Action
	public Increment get(ActorContext<State> ctx) {
		return new Increment(ctx.state().count(), this.node);
	}

	public record State(long count) {
	}

	public record Increment(long count, String node) {
	}

	public record TraceSeen(String traceId, String actorType, String node) {
	}

}
