package dev.actorspring.observation;

import dev.actorspring.runtime.listener.ActorRuntimeListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each action in a Micrometer {@link Observation} named {@code actor.turn}, open on the thread that runs
 * the action, so that logs and traces of the action correlate when a tracer is present. Its key values are
 * low-cardinality only ({@code actor.type}, {@code actor.action}); the actor key is never added.
 */
public final class ActorObservations implements ActorRuntimeListener {

	/** The observation name. */
	public static final String NAME = "actor.turn";

	private final ObservationRegistry registry;

	public ActorObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ActionScope actionStarting(String actorName, String action) {
		return actionStarting(actorName, action, null);
	}

	/** The caller's current Observation (an HTTP request's, or the turn of the actor that calls). */
	@Override
	public @Nullable Object callerContext() {
		return this.registry.getCurrentObservation();
	}

	/** The turn's Observation is a child of the caller's, so that one trace runs through the mailbox. */
	@Override
	public ActionScope actionStarting(String actorName, String action, @Nullable Object callerContext) {
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.parentObservation((callerContext instanceof Observation parent) ? parent : null)
			.contextualName(actorName + " " + action)
			.lowCardinalityKeyValue("actor.type", actorName)
			.lowCardinalityKeyValue("actor.action", action)
			.start();
		Observation.Scope scope = observation.openScope();
		return (error) -> {
			scope.close();
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		};
	}

}
