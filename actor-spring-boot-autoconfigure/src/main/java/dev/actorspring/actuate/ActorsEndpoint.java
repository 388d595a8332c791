package dev.actorspring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import dev.actorspring.runtime.placement.TypeFigures;
import dev.actorspring.transport.ErrorBody;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code actors} endpoint (inspector): actor types with their actions, hooks and settings; the loaded
 * instances of a type; one instance's state, schedules and connections, read through its mailbox. Reading an
 * instance never wakes it unless {@code wake=true} is given.
 */
@Endpoint(id = "actors")
public class ActorsEndpoint {

	/** The most instances one listing shows. */
	static final int MAX_LISTED = 1000;

	private final ActorRuntime runtime;

	private final Duration timeout;

	public ActorsEndpoint(ActorRuntime runtime, Duration timeout) {
		this.runtime = runtime;
		this.timeout = timeout;
	}

	@ReadOperation
	public ActorTypes actors() {
		Map<String, TypeFigures> figures = this.runtime.figures();
		List<ActorTypeDescriptor> types = this.runtime.registry()
			.definitions()
			.stream()
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.map((definition) -> describe(definition, figures.get(definition.name())))
			.toList();
		List<RecentDeadLetter> deadLetters = this.runtime.deadLetters()
			.recent()
			.stream()
			.map((letter) -> new RecentDeadLetter(letter.at(), letter.actorType(), letter.key(), letter.target(),
					letter.reason().tag(), letter.correlationId(), letter.detail()))
			.toList();
		return new ActorTypes(types, deadLetters, this.runtime.placementDescription());
	}

	@ReadOperation
	public WebEndpointResponse<ActorTypeInstances> actorType(@Selector String name) {
		ActorDefinition definition = this.runtime.registry().find(name);
		if (definition == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		List<InstanceSummary> awake = this.runtime.awakeInstances(name, MAX_LISTED);
		ActorTypeDescriptor type = describe(definition, this.runtime.figures().get(name));
		return new WebEndpointResponse<>(new ActorTypeInstances(type, awake, awake.size() >= MAX_LISTED));
	}

	@ReadOperation
	public WebEndpointResponse<Object> instance(@Selector String name, @Selector String key, @Nullable Boolean wake) {
		try {
			InstanceSnapshot snapshot = this.runtime.inspect(name, key, Boolean.TRUE.equals(wake))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (snapshot == null) {
				String hint = this.runtime.inspectorMayWake() ? "The instance is not in memory; add ?wake=true to load it."
						: "The instance is not in memory on this node. In cluster mode the inspector never loads one: "
								+ "this node's file may be a stale copy. Ask the node that hosts it (see hostedHere).";
				return new WebEndpointResponse<>(Map.of("awake", false, "hint", hint), WebEndpointResponse.STATUS_OK);
			}
			return new WebEndpointResponse<>(snapshot);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		catch (Exception ex) {
			ActorException error = ActorFailures.toActorException(ex);
			return new WebEndpointResponse<>(ErrorBody.of(error), error.status());
		}
	}

	private static ActorTypeDescriptor describe(ActorDefinition definition, @Nullable TypeFigures figures) {
		TypeFigures current = (figures != null) ? figures : TypeFigures.NONE;
		List<String> hooks = definition.hooks().keySet().stream().sorted().map(HookType::displayName).toList();
		return new ActorTypeDescriptor(definition.name(), definition.beanType().getName(),
				(definition.stateType() != null) ? definition.stateType().toCanonical() : null,
				definition.actions().keySet().stream().sorted().toList(), hooks,
				(definition.sleepTimeout() != null) ? definition.sleepTimeout().toString() : "default", current);
	}

	/**
	 * All actor types, and in cluster mode the cluster as this node sees it.
	 * @param types the actor types
	 * @param deadLetters the most recent messages that reached nobody on this node, newest first
	 * @param cluster members, shards on this node, hand-offs and replication; absent on one node
	 */
	public record ActorTypes(List<ActorTypeDescriptor> types, List<RecentDeadLetter> deadLetters,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object cluster) {
	}

	/**
	 * A message that reached nobody (see {@code docs/reliability.md}); never its payload.
	 * @param at when
	 * @param actorType the actor type
	 * @param key the instance key (shortened), or empty
	 * @param target the action, event or request
	 * @param reason {@code mailbox_full}, {@code shutdown}, {@code tell_failed}, {@code schedule_dropped} or
	 * {@code connection_gone}
	 * @param correlationId its id in the log
	 * @param detail the error code that ended it, if any
	 */
	public record RecentDeadLetter(Instant at, String actorType, String key, String target, String reason,
			String correlationId, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String detail) {
	}

	/** One actor type and its figures. */
	public record ActorTypeDescriptor(String name, String beanType, @Nullable String stateType, List<String> actions,
			List<String> hooks, String sleepTimeout, TypeFigures figures) {
	}

	/** One actor type and its loaded instances. */
	public record ActorTypeInstances(ActorTypeDescriptor type, List<InstanceSummary> awake, boolean truncated) {
	}

}
