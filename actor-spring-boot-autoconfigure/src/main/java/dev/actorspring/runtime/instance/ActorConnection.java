package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.api.Connection;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A client connected to one instance, as the runtime and the transport see it.
 */
public final class ActorConnection implements Connection, ClientConnection {

	private final String id;

	private final @Nullable JsonNode params;

	private final ConnectionSink sink;

	private final ActorInstance instance;

	private final @Nullable Principal principal;

	private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

	ActorConnection(String id, @Nullable JsonNode params, ConnectionSink sink, ActorInstance instance,
			@Nullable Principal principal) {
		this.principal = principal;
		this.id = id;
		this.params = params;
		this.sink = sink;
		this.instance = instance;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public <P> @Nullable P params(Class<P> type) {
		if (this.params == null || this.params.isNull()) {
			return null;
		}
		try {
			return this.instance.services().codec().convertArgument(this.params, this.instance.services().codec().type(type));
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidParams("The connection params should be " + type.getSimpleName() + ": "
					+ ex.getOriginalMessage());
		}
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public void send(String eventName, Object... args) {
		this.instance.context().emit(eventName, args, this);
	}

	@Override
	public void disconnect(String reason) {
		this.instance.context().addEffect(new Effect.Disconnect(this, reason));
	}

	/**
	 * Subscribes to or unsubscribes from an event; takes effect for the next delivery.
	 * @param eventName the event name
	 * @param subscribe whether to subscribe
	 */
	@Override
	public void subscribe(String eventName, boolean subscribe) {
		if (subscribe) {
			this.subscriptions.add(eventName);
		}
		else {
			this.subscriptions.remove(eventName);
		}
	}

	/**
	 * The key of the instance this connection belongs to.
	 * @return the key
	 */
	@Override
	public String instanceKey() {
		return this.instance.key();
	}

	java.util.List<String> subscriptions() {
		return java.util.List.copyOf(new java.util.TreeSet<>(this.subscriptions));
	}

	boolean subscribed(String eventName) {
		return this.subscriptions.contains(eventName);
	}

	ConnectionSink sink() {
		return this.sink;
	}

	ActorInstance instance() {
		return this.instance;
	}

	@Override
	public String toString() {
		return "Connection " + this.id;
	}

}
