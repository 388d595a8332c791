package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.api.Connection;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A client connected to an instance on this node, as the actor ({@link Connection}) and the transport
 * ({@link ClientConnection}) see it.
 */
final class ActorConnection implements Connection, ClientConnection {

	private final String id;

	private final @Nullable JsonNode params;

	private final ConnectionSink sink;

	private final ActorInstance instance;

	private final @Nullable Principal principal;

	/** The events subscribed to, each with the last event the instance had emitted when the subscription came. */
	private final Map<String, Long> subscriptions = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/** What {@code @CreateConnState} made; used on the instance's turns. */
	private @Nullable Object state;

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
			return this.instance.services().codec().convertArgument(this.params,
					this.instance.services().codec().type(type));
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
	@SuppressWarnings("unchecked")
	public <C> @Nullable C state() {
		return (C) this.state;
	}

	@Override
	public void setState(@Nullable Object state) {
		this.state = state;
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
	 * Subscribes at once, unless the actor declares {@code @OnBeforeSubscribe}: then the request (and, to keep the
	 * client's order, a cancellation too) goes through the actor's turn, which decides.
	 */
	@Override
	public CompletableFuture<Void> subscribe(String eventName, boolean subscribe) {
		if (subscribe) {
			checkSubscribable(eventName); // before @OnBeforeSubscribe sees it; again on the turn, for pipelined ones
		}
		else if (eventName.length() > MAX_EVENT_NAME_LENGTH) {
			return CompletableFuture.completedFuture(null); // never subscribed: nothing to cancel, nothing to queue
		}
		if (this.instance.definition().hook(HookType.ON_BEFORE_SUBSCRIBE) == null) {
			applySubscription(eventName, subscribe);
			return CompletableFuture.completedFuture(null);
		}
		if (this.closed) {
			throw ActorErrors.connectionClosed();
		}
		CompletableFuture<Void> reply = new CompletableFuture<>();
		this.instance.table().subscribe(this, new Message.Subscribe(this, eventName, subscribe, reply));
		return reply;
	}

	/** The most events one connection subscribes to. */
	static final int MAX_SUBSCRIPTIONS = 256;

	/** The longest event name a connection subscribes to, in characters. */
	static final int MAX_EVENT_NAME_LENGTH = 256;

	/**
	 * Refuses a subscription that would let a client grow the connection without bound: each name is kept until the
	 * connection closes, whether the actor emits such an event or not.
	 */
	void checkSubscribable(String eventName) {
		if (eventName.length() > MAX_EVENT_NAME_LENGTH) {
			throw ActorErrors.invalidRequest("An event name is at most " + MAX_EVENT_NAME_LENGTH + " characters.");
		}
		if (this.subscriptions.size() >= MAX_SUBSCRIPTIONS && !this.subscriptions.containsKey(eventName)) {
			throw ActorErrors.tooManySubscriptions(MAX_SUBSCRIPTIONS);
		}
	}

	void applySubscription(String eventName, boolean subscribe) {
		if (subscribe) {
			checkSubscribable(eventName);
			this.subscriptions.putIfAbsent(eventName, this.instance.connections().emitted());
		}
		else {
			this.subscriptions.remove(eventName);
		}
	}

	@Override
	public String instanceKey() {
		return this.instance.key();
	}

	@Override
	public CompletableFuture<byte[]> call(String action, @Nullable JsonNode args, @Nullable String idempotencyKey,
			@Nullable Object callerContext) {
		if (this.closed) {
			throw ActorErrors.connectionClosed();
		}
		ActionDefinition definition = this.instance.definition().action(action);
		if (definition == null) {
			throw ActorErrors.actionNotFound(this.instance.definition().name(), action);
		}
		return this.instance.table()
			.call(this.instance.key(), definition, args, this, this.principal, CallChain.EMPTY, idempotencyKey,
					callerContext);
	}

	@Override
	public void disconnect() {
		this.instance.table().disconnect(this);
	}

	List<String> subscriptions() {
		return List.copyOf(new TreeSet<>(this.subscriptions.keySet()));
	}

	/** Whether the connection was subscribed to an event when the instance emitted it (its sequence number). */
	boolean subscribed(String eventName, long seq) {
		Long since = this.subscriptions.get(eventName);
		return since != null && since < seq;
	}

	ConnectionSink sink() {
		return this.sink;
	}

	ActorInstance instance() {
		return this.instance;
	}

	/** The instance let this connection go: calls over it are refused from now on. */
	void closed() {
		this.closed = true;
	}

	@Override
	public String toString() {
		return "Connection " + this.id;
	}

}
