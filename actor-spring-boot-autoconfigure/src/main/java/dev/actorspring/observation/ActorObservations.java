package dev.actorspring.observation;

import java.util.HashMap;
import java.util.Map;

import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.PropagatedContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each action in a Micrometer {@link Observation} named {@code actor.turn}, open on the thread that runs
 * the action, so that logs and traces of the action correlate when a tracer is present. Its key values are
 * low-cardinality only ({@code actor.type}, {@code actor.action}); the actor key is never added.
 * <p>
 * A turn is a child of its caller's Observation when the caller is in this process (an HTTP request, another
 * actor's turn). A caller elsewhere or earlier (a WebSocket client, another cluster node, the turn that made a
 * durable schedule) sends propagation fields instead: the turn is then the receiving side of a
 * {@link ReceiverContext}, which the tracer continues from those fields. The sending side of a message that
 * leaves the process or outlives the turn is a short {@code actor.send} Observation (a {@link SenderContext})
 * whose tracer writes the fields.
 */
public final class ActorObservations implements ActorRuntimeListener {

	/** The observation name. */
	public static final String NAME = "actor.turn";

	/** The name of the observation of a message sent to a later turn or to another node. */
	public static final String SEND = "actor.send";

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
		Observation observation = (callerContext instanceof PropagatedContext propagated)
				? Observation.createNotStarted(NAME, () -> received(propagated), this.registry)
				: Observation.createNotStarted(NAME, this.registry)
					.parentObservation((callerContext instanceof Observation parent) ? parent : null);
		observation.contextualName(actorName + " " + action)
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

	/**
	 * An {@code actor.send} Observation, child of the current one, whose tracer writes the fields that carry it.
	 */
	@Override
	public Map<String, String> exportContext(String actorName, String action) {
		if (this.registry.isNoop() || this.registry.getCurrentObservation() == null) {
			return Map.of(); // no trace to carry: the receiving turn starts its own
		}
		SenderContext<Map<String, String>> context = new SenderContext<>(
				(carrier, name, value) -> carrier.put(name, value), Kind.PRODUCER);
		Map<String, String> fields = new HashMap<>();
		context.setCarrier(fields);
		Observation.createNotStarted(SEND, () -> context, this.registry)
			.contextualName("send " + actorName + " " + action)
			.lowCardinalityKeyValue("actor.type", actorName)
			.lowCardinalityKeyValue("actor.action", action)
			.start()
			.stop();
		return new PropagatedContext(fields).fields();
	}

	private static ReceiverContext<Map<String, String>> received(PropagatedContext propagated) {
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, name) -> carrier.get(name),
				Kind.CONSUMER);
		context.setCarrier(propagated.fields());
		return context;
	}

}
