package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The live instances of one actor type, by key. An instance is created on the first message for its key and
 * dropped once it holds nothing (not loaded, mailbox empty); adding a message and dropping an instance are
 * atomic with respect to each other, so no message is ever left in a dropped instance.
 */
public final class ActorInstanceTable {

	private final ActorDefinition definition;

	private final InstanceServices services;

	private final ConcurrentHashMap<String, ActorInstance> instances = new ConcurrentHashMap<>();

	private final long sleepTimeoutMillis;

	public ActorInstanceTable(ActorDefinition definition, InstanceServices services) {
		this.definition = definition;
		this.services = services;
		this.sleepTimeoutMillis = sleepTimeout().toMillis();
	}

	/**
	 * How long an idle instance of this type stays awake.
	 * @return the type's own timeout, or the default
	 */
	public Duration sleepTimeout() {
		Duration own = this.definition.sleepTimeout();
		return (own != null) ? own : this.services.sleepTimeout();
	}

	public ActorDefinition definition() {
		return this.definition;
	}

	/**
	 * Calls an action.
	 * @param key the key
	 * @param action the action
	 * @param args the converted arguments
	 * @param caller the calling connection, if any
	 * @param principal who is calling, if known
	 * @param chain the actors waiting for this call, or {@code null} if nobody waits in a turn
	 * @return the output as JSON
	 */
	public CompletableFuture<byte[]> call(String key, ActionDefinition action, Object[] args,
			@Nullable ActorConnection caller, @Nullable Principal principal, @Nullable CallChain chain) {
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Invoke(action, args, caller, principal, (chain != null) ? chain : CallChain.EMPTY,
				reply));
		return reply;
	}

	public CompletableFuture<ActorMetadata> create(String key, @Nullable JsonNode input) {
		CompletableFuture<ActorMetadata> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Create(input, reply));
		return reply;
	}

	public CompletableFuture<ActorMetadata> describe(String key) {
		CompletableFuture<ActorMetadata> reply = new CompletableFuture<>();
		send(key, new Message.Describe(reply));
		return reply;
	}

	public CompletableFuture<ActorConnection> connect(String key, @Nullable JsonNode params, ConnectionSink sink,
			@Nullable Principal principal) {
		CompletableFuture<ActorConnection> reply = new CompletableFuture<>();
		sendBounded(key, new Message.Connect(params, sink, principal, reply));
		return reply;
	}

	/**
	 * Tells the connection's instance that the connection closed.
	 * @param connection the connection
	 */
	public void disconnect(ActorConnection connection) {
		ActorInstance owner = connection.instance();
		this.instances.computeIfPresent(owner.key(), (key, instance) -> {
			if (instance == owner) {
				instance.enqueue(new Message.Disconnect(connection));
			}
			return instance;
		});
	}

	/**
	 * Destroys an instance.
	 * @param key the key
	 * @return completes once the instance and its storage are gone; fails with {@code actor_not_found}
	 */
	public CompletableFuture<Void> destroy(String key) {
		CompletableFuture<Void> reply = new CompletableFuture<>();
		send(key, new Message.Destroy(reply));
		return reply;
	}

	/**
	 * Puts one instance to sleep, if it is in memory.
	 * @param key the key
	 * @return completes when it sleeps
	 */
	public CompletableFuture<Void> sleep(String key) {
		CompletableFuture<Void> reply = new CompletableFuture<>();
		ActorInstance found = this.instances.computeIfPresent(key, (k, instance) -> {
			instance.enqueue(new Message.Sleep(false, reply));
			return instance;
		});
		if (found == null) {
			reply.complete(null);
		}
		return reply;
	}

	/**
	 * Runs the due schedules of an instance, waking it if it sleeps.
	 * @param key the key
	 */
	public CompletableFuture<Void> fireSchedules(String key) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		send(key, new Message.FireSchedules(done));
		return done;
	}

	/**
	 * Asks every instance idle for longer than the sleep timeout to go to sleep.
	 * @param nowMillis the current {@link System#currentTimeMillis()}
	 */
	public void sleepIdle(long nowMillis) {
		for (ActorInstance candidate : this.instances.values()) {
			if (candidate.idleLongerThan(nowMillis, this.sleepTimeoutMillis) && candidate.claimIdleSleep()) {
				this.instances.computeIfPresent(candidate.key(), (key, instance) -> {
					if (instance == candidate) {
						instance.enqueue(new Message.Sleep(true, new CompletableFuture<>()));
					}
					return instance;
				});
			}
		}
	}

	/**
	 * Puts every live instance to sleep.
	 * @return completes when all have slept
	 */
	public CompletableFuture<Void> sleepAll() {
		List<CompletableFuture<Void>> replies = new ArrayList<>();
		for (String key : this.instances.keySet()) {
			replies.add(sleep(key));
		}
		return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
	}

	/**
	 * How many messages wait in the mailboxes of this type, in all and in the fullest one.
	 * @return {@code [total, max]}
	 */
	public int[] mailboxDepths() {
		int total = 0;
		int max = 0;
		for (ActorInstance instance : this.instances.values()) {
			int depth = instance.mailboxDepth();
			total += depth;
			max = Math.max(max, depth);
		}
		return new int[] { total, max };
	}

	/**
	 * Takes a snapshot of an instance through its mailbox (no torn reads).
	 * @param key the key
	 * @param wake whether to load the instance if it is not in memory
	 * @return the snapshot, or {@code null} if it is not in memory and {@code wake} is false
	 */
	public CompletableFuture<@Nullable InstanceSnapshot> inspect(String key, boolean wake) {
		CompletableFuture<@Nullable InstanceSnapshot> reply = new CompletableFuture<>();
		if (!wake && !this.instances.containsKey(key)) {
			reply.complete(null);
			return reply;
		}
		send(key, new Message.Inspect(wake, reply));
		return reply;
	}

	/**
	 * Summaries of the loaded instances.
	 * @param limit the most to return
	 * @return the summaries, in no particular order
	 */
	public List<InstanceSummary> summaries(int limit) {
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

	/**
	 * How many connections are open to instances of this type.
	 * @return the count
	 */
	public int connectionCount() {
		int total = 0;
		for (ActorInstance instance : this.instances.values()) {
			total += instance.connectionCount();
		}
		return total;
	}

	/**
	 * How many instances are in memory.
	 * @return the count
	 */
	public int size() {
		return this.instances.size();
	}

	/** Adds a caller's message, refusing it with {@code overloaded} when the mailbox is full. */
	private void sendBounded(String key, Message message) {
		send(key, message, this.services.limits().mailboxCapacity());
	}

	/** Adds a runtime message (disconnect, sleep, schedules): never refused. */
	private void send(String key, Message message) {
		send(key, message, Integer.MAX_VALUE);
	}

	private void send(String key, Message message, int capacity) {
		this.instances.compute(key, (k, existing) -> {
			if (existing != null && existing.mailboxDepth() >= capacity) {
				throw ActorErrors.overloaded(this.definition.name(), capacity);
			}
			ActorInstance instance = (existing != null) ? existing
					: new ActorInstance(this.definition, k, this.services, this);
			instance.enqueue(message);
			return instance;
		});
	}

	void evictIfIdle(ActorInstance candidate) {
		this.instances.computeIfPresent(candidate.key(),
				(key, instance) -> (instance == candidate && instance.evictable()) ? null : instance);
	}

}
