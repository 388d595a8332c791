package dev.actorspring.observation;

import dev.actorspring.runtime.listener.ActorRuntimeListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the actor type and the action in the SLF4J MDC while an action or a scheduled action runs, as
 * {@value #ACTOR_TYPE} and {@value #ACTOR_ACTION}, so that a log pattern can show them ({@code %X{actorType}}).
 * With Micrometer Tracing, the tracer adds {@code traceId} and {@code spanId} of the turn's Observation beside
 * them. The actor key is never added: keys may name users.
 */
public final class ActorLogContext implements ActorRuntimeListener {

	/** The MDC key of the actor type. */
	public static final String ACTOR_TYPE = "actorType";

	/** The MDC key of the action. */
	public static final String ACTOR_ACTION = "actorAction";

	@Override
	public ActionScope actionStarting(String actorName, String action) {
		String outerType = MDC.get(ACTOR_TYPE);
		String outerAction = MDC.get(ACTOR_ACTION);
		MDC.put(ACTOR_TYPE, actorName);
		MDC.put(ACTOR_ACTION, action);
		return (error) -> {
			restore(ACTOR_TYPE, outerType);
			restore(ACTOR_ACTION, outerAction);
		};
	}

	private static void restore(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
