package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.ActorPlacement;
import dev.actorspring.runtime.placement.ActorPlacement.QueueCall;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import dev.actorspring.runtime.placement.TypeFigures;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The placement that runs instances on this node: one {@link InstanceTable} per actor type. On one node it is the
 * runtime's placement; in cluster mode the owner of an instance runs the requests it receives here. Besides the
 * placement's requests it offers this node's own views and housekeeping: inspecting and putting instances to
 * sleep, idle sweeps, due schedules, figures.
 */
public final class LocalPlacement implements ActorPlacement {

	private final InstanceServices services;

	private final Map<String, InstanceTable> tables = new ConcurrentHashMap<>();

	/**
	 * Creates the local placement.
	 * @param services what every instance shares
	 */
	public LocalPlacement(InstanceServices services) {
		this.services = services;
	}

	/**
	 * What the runtime reports to, for a placement that sends calls elsewhere (it exports their trace context).
	 * @return the runtime's listener
	 */
	public ActorRuntimeListener listener() {
		return this.services.listener();
	}

	@Override
	public CompletableFuture<byte[]> call(ActionCall call) {
		CallChain chain = call.awaited() ? CallChain.current() : null;
		if (chain != null && chain.contains(call.type().name(), call.key())) {
			throw ActorErrors.callCycle(call.type().name(), call.key(), chain.describe());
		}
		return table(call.type())
			.call(call.key(), call.action(), call.args(), null, call.principal(), (chain != null) ? chain : CallChain.EMPTY,
					call.idempotencyKey(), call.callerContext(), call.runHere());
	}

	@Override
	public CompletableFuture<byte[]> enqueue(QueueCall call) {
		// a publication is answered after the target's commit: from a turn of the target itself (or of an actor that
		// waits for it) that answer could never come while the turn waits for it
		CallChain chain = CallChain.current();
		if (chain != null && chain.contains(call.type().name(), call.key())) {
			throw ActorErrors.callCycle(call.type().name(), call.key(), chain.describe());
		}
		return table(call.type()).enqueue(call.key(), call.queue(), call.body(), call.principal(), call.awaitConsumed());
	}

	@Override
	public CompletableFuture<ActorMetadata> create(ActorDefinition type, String key, @Nullable JsonNode input) {
		return table(type).create(key, input);
	}

	@Override
	public CompletableFuture<ActorMetadata> describe(ActorDefinition type, String key) {
		return table(type).describe(key);
	}

	@Override
	public CompletableFuture<Void> destroy(ActorDefinition type, String key) {
		return table(type).destroy(key);
	}

	@Override
	public CompletableFuture<Void> fireSchedules(ActorDefinition type, String key) {
		return table(type).fireSchedules(key);
	}

	@Override
	public CompletableFuture<ClientConnection> connect(ActorDefinition type, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable Principal principal) {
		return table(type).connect(key, params, sink, principal);
	}

	/**
	 * Takes a snapshot of an instance on this node, through its mailbox (no torn reads).
	 * @param type the actor type
	 * @param key the key
	 * @param wake whether to load the instance if it is not in memory
	 * @return the snapshot, or {@code null} if it is not in memory and {@code wake} is false
	 */
	public CompletableFuture<@Nullable InstanceSnapshot> inspect(ActorDefinition type, String key, boolean wake) {
		return table(type).inspect(key, wake);
	}

	/**
	 * Puts an instance of this node to sleep now, if it is in memory.
	 * @param type the actor type
	 * @param key the key
	 * @return completes when it sleeps
	 */
	public CompletableFuture<Void> sleep(ActorDefinition type, String key) {
		return table(type).sleep(key);
	}

	/**
	 * Whether an instance is in memory on this node (awake, waking or going to sleep).
	 * @param type the actor type
	 * @param key the key
	 * @return whether it is
	 */
	public boolean inMemory(ActorDefinition type, String key) {
		return table(type).inMemory(key);
	}

	/**
	 * How long an idle instance of a type stays awake before it goes to sleep by itself.
	 * @param type the actor type
	 * @return the sleep timeout
	 */
	public java.time.Duration sleepTimeout(ActorDefinition type) {
		return java.time.Duration.ofMillis(table(type).sleepTimeoutMillis());
	}

	/**
	 * Starts the durable schedules' timers (those in the index are armed; those due in the past fire at once).
	 * @param onDue what to do with an instance whose schedule is due: send it through the placement
	 */
	public void startSchedules(BiConsumer<String, String> onDue) {
		this.services.scheduleTimer().onDue(onDue);
		this.services.scheduleTimer().start();
	}

	/** Stops the durable schedules' timers. */
	public void stopSchedules() {
		this.services.scheduleTimer().stop();
	}

	/**
	 * Removes and returns the instances whose earliest schedule is due by the schedule clock (for a clock that does
	 * not fire by itself).
	 * @return {@code [actorName, key]} pairs
	 */
	public List<String[]> takeDueSchedules() {
		return this.services.scheduleTimer().takeDue();
	}

	/**
	 * Forgets the schedules of an instance whose type no longer exists.
	 * @param name the actor type name
	 * @param key the key
	 */
	public void forgetSchedules(String name, String key) {
		this.services.scheduleTimer().forget(name, key);
	}

	/**
	 * Arms the timer of an instance whose due schedules could not be run (its placement failed), after the
	 * schedules' retry backoff.
	 * @param name the actor type name
	 * @param key the key
	 */
	public void retrySchedulesLater(String name, String key) {
		ScheduleTimer timer = this.services.scheduleTimer();
		timer.afterCommit(name, key, timer.clock().instant().plusMillis(timer.backoffMillis()));
	}

	/** Asks every instance idle for longer than its sleep timeout to go to sleep. */
	public void sleepIdle() {
		long now = System.currentTimeMillis();
		for (InstanceTable table : this.tables.values()) {
			table.sleepIdle(now);
		}
	}

	/**
	 * Puts every instance of this node to sleep.
	 * @return completes when all have slept
	 */
	public CompletableFuture<Void> sleepAll() {
		List<CompletableFuture<Void>> sleeping = new ArrayList<>();
		for (InstanceTable table : this.tables.values()) {
			sleeping.add(table.sleepAll());
		}
		return CompletableFuture.allOf(sleeping.toArray(CompletableFuture[]::new));
	}

	/**
	 * Summaries of the loaded instances of a type on this node.
	 * @param name the actor type name
	 * @param limit the most to return
	 * @return the summaries
	 */
	public List<InstanceSummary> awakeInstances(String name, int limit) {
		InstanceTable table = this.tables.get(name);
		return (table != null) ? table.summaries(limit) : List.of();
	}

	/**
	 * The live figures of a type on this node; walks its instances.
	 * @param name the actor type name
	 * @return the figures
	 */
	public TypeFigures figures(String name) {
		InstanceTable table = this.tables.get(name);
		return (table != null) ? table.figures() : TypeFigures.NONE;
	}

	/**
	 * The live figures of the given types on this node, by name; walks their instances.
	 * @param types the actor types
	 * @return the figures, sorted by name
	 */
	public Map<String, TypeFigures> figures(Iterable<ActorDefinition> types) {
		Map<String, TypeFigures> figures = new java.util.TreeMap<>();
		for (ActorDefinition type : types) {
			figures.put(type.name(), figures(type.name()));
		}
		return figures;
	}

	/**
	 * How many instances of a type are in memory here (awake, waking or going to sleep).
	 * @param name the actor type name
	 * @return the count
	 */
	public int liveInstances(String name) {
		InstanceTable table = this.tables.get(name);
		return (table != null) ? table.size() : 0;
	}

	/**
	 * How many instances are in memory here, over all types.
	 * @return the count
	 */
	public int liveInstances() {
		return this.tables.values().stream().mapToInt(InstanceTable::size).sum();
	}

	private InstanceTable table(ActorDefinition type) {
		InstanceTable table = this.tables.get(type.name());
		return (table != null) ? table
				: this.tables.computeIfAbsent(type.name(), (name) -> new InstanceTable(type, this.services));
	}

}
