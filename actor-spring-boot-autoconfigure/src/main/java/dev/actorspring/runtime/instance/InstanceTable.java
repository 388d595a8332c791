package dev.actorspring.runtime.instance;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.QueueDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.mailbox.Mailbox;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import dev.actorspring.runtime.placement.TypeFigures;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The live instances of one actor type on this node, by key. An instance is made on the first message for its key
 * and dropped once it holds nothing (not loaded, mailbox empty): it then closes its mailbox, and a message that
 * finds a closed mailbox goes to a new instance, so none is ever left in a dropped one. A message for an awake
 * instance takes no lock. Callers' requests are bounded by the mailbox capacity; the runtime's own messages
 * (disconnects, sleep, schedules) are not.
 */
final class InstanceTable {

	private final ActorDefinition definition;

	private final InstanceServices services;

	private final ConcurrentHashMap<String, ActorInstance> instances = new ConcurrentHashMap<>();

	private final long sleepTimeoutMillis;

	InstanceTable(ActorDefinition definition, InstanceServices services) {
		this.definition = definition;
		this.services = services;
		this.sleepTimeoutMillis = ((definition.sleepTimeout() != null) ? definition.sleepTimeout()
				: services.sleepTimeout()).toMillis();
	}

	ActorDefinition definition() {
		return this.definition;
	}

	/**
	 * Calls an action; its arguments are converted here, on the caller's thread.
	 * @param idempotencyKey the caller's idempotency key, checked by the runtime, or {@code null}
	 * @param callerContext the caller's trace context (see {@link Message.Invoke}), or {@code null}
	 * @return the output as JSON
	 */
	CompletableFuture<byte[]> call(String key, ActionDefinition action, @Nullable JsonNode args,
			@Nullable ActorConnection caller, @Nullable Principal principal, CallChain chain,
			@Nullable String idempotencyKey, @Nullable Object callerContext) {
		return call(key, action, args, caller, principal, chain, idempotencyKey, callerContext, false);
	}

	/**
	 * Calls an action as above; with {@code runHere}, the turn may run on the calling thread (see
	 * {@link Mailbox#offer(Object, int, boolean)}), which then returns once it ran.
	 */
	CompletableFuture<byte[]> call(String key, ActionDefinition action, @Nullable JsonNode args,
			@Nullable ActorConnection caller, @Nullable Principal principal, CallChain chain,
			@Nullable String idempotencyKey, @Nullable Object callerContext, boolean runHere) {
		Object[] values = this.services.invoker().convertArguments(action, args);
		IdempotentCall idempotent = (idempotencyKey != null)
				? IdempotentCall.of(idempotencyKey, principal, action.name(), args) : null;
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		send(key, new Message.Invoke(action, values, caller, principal, chain, idempotent, callerContext, reply),
				this.services.limits().mailboxCapacity(), runHere);
		return reply;
	}

	/**
	 * Publishes a message to a durable queue; its body is checked against the consumer here, on the caller's thread.
	 * @return the message id as JSON once committed, or with {@code wait}, the consumer's output once consumed
	 */
	CompletableFuture<byte[]> enqueue(String key, QueueDefinition queue, @Nullable JsonNode body,
			@Nullable Principal principal, boolean wait) {
		try {
			this.services.invoker().convertPayload(queue.consumer(), body);
		}
		catch (ActorException ex) {
			throw ActorErrors.invalidArguments(ex.getMessage());
		}
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		CompletableFuture<byte[]> consumed = wait ? new CompletableFuture<>() : null;
		String json = new String(this.services.codec().encode((body != null) ? body : NullNode.getInstance()),
				StandardCharsets.UTF_8);
		sendBounded(key, new Message.Enqueue(queue, json, principal, reply, consumed));
		return (consumed != null) ? reply.thenCompose((id) -> consumed) : reply;
	}

	CompletableFuture<ActorMetadata> create(String key, @Nullable JsonNode input) {
		CompletableFuture<ActorMetadata> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Create(input, reply));
		return reply;
	}

	CompletableFuture<ActorMetadata> describe(String key) {
		CompletableFuture<ActorMetadata> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Describe(reply));
		return reply;
	}

	CompletableFuture<ClientConnection> connect(String key, @Nullable JsonNode params, ConnectionSink sink,
			@Nullable Principal principal) {
		CompletableFuture<ClientConnection> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Connect(params, sink, principal, reply));
		return reply;
	}

	CompletableFuture<Void> destroy(String key) {
		CompletableFuture<Void> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Destroy(reply));
		return reply;
	}

	CompletableFuture<@Nullable InstanceSnapshot> inspect(String key, boolean wake) {
		CompletableFuture<@Nullable InstanceSnapshot> reply = new CompletableFuture<>();
		if (!wake && !this.instances.containsKey(key)) {
			reply.complete(null);
			return reply;
		}
		sendBounded(key, new Message.Inspect(wake, reply));
		return reply;
	}

	/** Sends a connection's subscription to its instance's turn, refused with {@code overloaded} if it is full. */
	void subscribe(ActorConnection connection, Message.Subscribe subscribe) {
		int capacity = this.services.limits().mailboxCapacity();
		switch (connection.instance().mailbox().offer(subscribe, capacity)) {
			case ACCEPTED -> {
			}
			case FULL -> throw ActorErrors.overloaded(this.definition.name(), capacity);
			case CLOSED -> throw ActorErrors.connectionClosed();
		}
	}

	/** Tells the connection's instance that the connection closed; nothing if the instance is gone. */
	void disconnect(ActorConnection connection) {
		connection.instance().mailbox().offer(new Message.Disconnect(connection), Integer.MAX_VALUE);
	}

	/** Runs the due schedules of an instance, waking it if it sleeps. */
	CompletableFuture<Void> fireSchedules(String key) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		send(key, new Message.FireSchedules(done), Integer.MAX_VALUE);
		return done;
	}

	/** Puts one instance to sleep, if it is in memory. */
	CompletableFuture<Void> sleep(String key) {
		CompletableFuture<Void> reply = new CompletableFuture<>();
		ActorInstance instance = this.instances.get(key);
		if (instance == null
				|| instance.mailbox().offer(new Message.Sleep(false, reply), Integer.MAX_VALUE) != Mailbox.Offer.ACCEPTED) {
			reply.complete(null);
		}
		return reply;
	}

	/** Asks every instance idle for longer than the sleep timeout to go to sleep. */
	void sleepIdle(long nowMillis) {
		for (ActorInstance candidate : this.instances.values()) {
			if (candidate.idleLongerThan(nowMillis, this.sleepTimeoutMillis) && candidate.claimIdleSleep()) {
				candidate.mailbox().offer(new Message.Sleep(true, new CompletableFuture<>()), Integer.MAX_VALUE);
			}
		}
	}

	/** Puts every live instance to sleep; completes when all have slept. */
	CompletableFuture<Void> sleepAll() {
		List<CompletableFuture<Void>> replies = new ArrayList<>();
		for (String key : this.instances.keySet()) {
			replies.add(sleep(key));
		}
		return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
	}

	/** The loaded instances, at most {@code limit}, in no particular order. */
	List<InstanceSummary> summaries(int limit) {
		List<InstanceSummary> summaries = new ArrayList<>();
		for (ActorInstance instance : this.instances.values()) {
			InstanceSummary summary = instance.summary();
			if (summary != null) {
				summaries.add(summary);
				if (summaries.size() >= limit) {
					break;
				}
			}
		}
		return summaries;
	}

	TypeFigures figures() {
		int queued = 0;
		int max = 0;
		int connections = 0;
		for (ActorInstance instance : this.instances.values()) {
			int depth = instance.mailbox().depth();
			queued += depth;
			max = Math.max(max, depth);
			connections += instance.connectionCount();
		}
		return new TypeFigures(this.instances.size(), queued, max, connections);
	}

	boolean inMemory(String key) {
		return this.instances.containsKey(key);
	}

	/** How long an idle instance of this type stays awake. */
	long sleepTimeoutMillis() {
		return this.sleepTimeoutMillis;
	}

	int size() {
		return this.instances.size();
	}

	/** Adds a caller's message, refusing it with {@code overloaded} when the mailbox is full. */
	private void sendBounded(String key, Message message) {
		send(key, message, this.services.limits().mailboxCapacity());
	}

	private void send(String key, Message message, int capacity) {
		send(key, message, capacity, false);
	}

	private void send(String key, Message message, int capacity, boolean runHere) {
		for (;;) {
			ActorInstance instance = this.instances.get(key);
			if (instance == null || instance.mailbox().closed()) {
				instance = this.instances.compute(key, (k, existing) -> (existing == null || existing.mailbox().closed())
						? new ActorInstance(this.definition, k, this.services, this) : existing);
			}
			switch (instance.mailbox().offer(message, capacity, runHere)) {
				case ACCEPTED -> {
					return;
				}
				case FULL -> {
					this.services.deadLetters().report(this.definition.name(), key, message.target(),
							DeadLetter.Reason.MAILBOX_FULL, "overloaded");
					throw ActorErrors.overloaded(this.definition.name(), capacity);
				}
				case CLOSED -> {
					// dropped meanwhile: the next round makes a new instance
				}
			}
		}
	}

	/** Drops an instance that holds nothing, closing its mailbox first. */
	void evictIfIdle(ActorInstance candidate) {
		if (candidate.mailbox().closeIfIdle(candidate::evictable)) {
			this.instances.remove(candidate.key(), candidate);
		}
	}

}
