package dev.actorspring.runtime.instance;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.definition.MethodBinding;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.listener.EventTap;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.StringNode;

/**
 * The connections room: opening and closing an instance's connections, and the delivery of committed effects to them (events to
 * subscribers or to one connection, disconnects). Used on the instance's turns; the count is read from any thread.
 */
final class Connections {

	private static final Log logger = LogFactory.getLog(Connections.class);

	private final ActorInstance instance;

	private static final Object[] NO_PAYLOAD = {};

	private final Map<String, ActorConnection> open = new LinkedHashMap<>();

	private volatile int count;

	/**
	 * How many events this instance emitted: an event goes to the connections subscribed when it was emitted, not to
	 * one whose subscription came between its turn and its delivery after the commit. Written on the instance's
	 * turn, read by subscriptions made on transport threads.
	 */
	private volatile long emitted;

	Connections(ActorInstance instance) {
		this.instance = instance;
	}

	/**
	 * Opens a connection (get-or-create): {@code @OnBeforeConnect} may refuse it, the sink gets {@code init}, then
	 * {@code @OnConnect} runs.
	 * @param connect the request
	 */
	void open(Message.Connect connect) {
		ActorConnection connection = null;
		try {
			this.instance.activation().activate(true, null);
			int limit = this.instance.services().limits().maxConnections();
			if (this.open.size() >= limit) {
				throw ActorErrors.tooManyConnections(limit);
			}
			MethodBinding beforeConnect = this.instance.definition().hook(HookType.ON_BEFORE_CONNECT);
			if (beforeConnect != null) {
				Object[] params = this.instance.services().invoker().convertPayload(beforeConnect, connect.params());
				if (Boolean.FALSE.equals(this.instance.turns().hook(beforeConnect, null, connect.principal(), params))) {
					throw ActorErrors.forbidden("The actor refused the connection.");
				}
			}
			connection = new ActorConnection(UUID.randomUUID().toString(), connect.params(), connect.sink(),
					this.instance, connect.principal());
			MethodBinding createConnState = this.instance.definition().hook(HookType.CREATE_CONN_STATE);
			if (createConnState != null) {
				Object[] params = this.instance.services().invoker().convertPayload(createConnState, connect.params());
				connection.setState(this.instance.turns().hook(createConnState, null, connect.principal(), params));
			}
			this.open.put(connection.id(), connection);
			this.count = this.open.size();
			connect.sink().init(this.instance.memory().actorId(), connection.id());
			MethodBinding onConnect = this.instance.definition().hook(HookType.ON_CONNECT);
			if (onConnect != null) {
				this.instance.turns().hook(onConnect, connection, NO_PAYLOAD);
			}
			connect.reply().complete(connection);
		}
		catch (Throwable ex) {
			if (connection != null) {
				remove(connection);
			}
			connect.reply().completeExceptionally(this.instance.failure(ex, "connect"));
		}
	}

	/**
	 * Subscribes a connection to an event if {@code @OnBeforeSubscribe} lets it (cancelling a subscription needs no
	 * leave); a refusal fails the reply with {@code auth/forbidden}, or with what the hook threw.
	 * @param subscribe the request
	 */
	void subscribe(Message.Subscribe subscribe) {
		ActorConnection connection = subscribe.connection();
		try {
			if (!this.open.containsKey(connection.id())) {
				throw ActorErrors.connectionClosed();
			}
			MethodBinding beforeSubscribe = this.instance.definition().hook(HookType.ON_BEFORE_SUBSCRIBE);
			if (subscribe.subscribe() && beforeSubscribe != null) {
				// checked again before the hook: subscriptions sent one after the other all passed it on arrival
				connection.checkSubscribable(subscribe.eventName());
				Object[] payload = this.instance.services().invoker().convertPayload(beforeSubscribe,
						StringNode.valueOf(subscribe.eventName()));
				if (Boolean.FALSE.equals(this.instance.turns().hook(beforeSubscribe, connection, payload))) {
					throw ActorErrors.forbidden("The actor refused the subscription to '"
							+ ActorErrors.truncate(subscribe.eventName()) + "'.");
				}
			}
			connection.applySubscription(subscribe.eventName(), subscribe.subscribe());
			subscribe.reply().complete(null);
		}
		catch (Throwable ex) {
			subscribe.reply().completeExceptionally(this.instance.failure(ex, "subscribe"));
		}
	}

	/**
	 * Forgets a connection.
	 * @param connection the connection
	 * @return whether it was open
	 */
	boolean remove(ActorConnection connection) {
		boolean removed = this.open.remove(connection.id()) != null;
		if (removed) {
			connection.closed();
			this.count = this.open.size();
		}
		return removed;
	}

	/** Closes every connection with a close code and reason. */
	void closeAll(int code, String reason) {
		List<ActorConnection> closing = List.copyOf(this.open.values());
		this.open.clear();
		this.count = 0;
		for (ActorConnection connection : closing) {
			connection.closed();
			connection.sink().close(code, reason);
		}
	}

	/** Delivers a committed turn's effects, in the order the turn asked for them. */
	void deliver(List<Effect> effects) {
		for (Effect effect : effects) {
			effect.deliver(this);
		}
	}

	/** The sequence number of a new event (on the instance's turn). */
	long nextEvent() {
		long next = this.emitted + 1;
		this.emitted = next;
		return next;
	}

	/** The sequence number of the last event emitted; a subscription made now gets the events after it. */
	long emitted() {
		return this.emitted;
	}

	/** Sends an event to one connection, or to every subscriber when {@code target} is {@code null}. */
	void event(Effect.Event event) {
		int delivered = 0;
		ActorConnection target = event.target();
		if (target != null) {
			if (this.open.containsKey(target.id())) {
				send(target, event);
				delivered++;
			}
			else {
				this.instance.services().deadLetters().report(this.instance.definition().name(), this.instance.key(),
						event.name(), DeadLetter.Reason.CONNECTION_GONE, "connection_closed");
			}
		}
		else if (event.argsJson() != null) { // else emitted while no connection was open: none can take it
			for (ActorConnection connection : this.open.values()) {
				if (connection.subscribed(event.name(), event.seq())) {
					send(connection, event);
					delivered++;
				}
			}
		}
		String name = this.instance.definition().name();
		this.instance.services().listener().eventEmitted(name, delivered);
		EventTap tap = this.instance.services().eventTap();
		if (tap != null && event.argsJson() != null) {
			tap.emitted(name, this.instance.key(), event.name(), event.argsJson());
		}
	}

	/** Closes one connection at the actor's request, if it is still open. */
	void disconnect(Effect.Disconnect disconnect) {
		if (this.open.containsKey(disconnect.connection().id())) {
			disconnect.connection().sink().close(1000, disconnect.reason());
		}
	}

	Collection<ActorConnection> all() {
		return Collections.unmodifiableCollection(this.open.values());
	}

	int size() {
		return this.open.size();
	}

	/** How many connections are open; read from any thread. */
	int count() {
		return this.count;
	}

	List<InstanceSnapshot.ConnectionSnapshot> snapshot() {
		return this.open.values()
			.stream()
			.map((connection) -> new InstanceSnapshot.ConnectionSnapshot(connection.id(), connection.subscriptions()))
			.toList();
	}

	private void send(ActorConnection connection, Effect.Event event) {
		try {
			connection.sink().event(event.name(), event.argsJson());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not deliver event " + event.name() + " to " + connection, ex);
			this.instance.services().deadLetters().report(this.instance.definition().name(), this.instance.key(),
					event.name(), DeadLetter.Reason.CONNECTION_GONE, "send_failed");
		}
	}

}
