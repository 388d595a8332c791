package dev.actorspring.runtime;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.actorspring.api.ActorException;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.instance.ActorConnection;
import dev.actorspring.runtime.instance.ActorInstanceTable;
import dev.actorspring.runtime.instance.ActorMetadata;
import dev.actorspring.runtime.instance.CallChain;
import dev.actorspring.runtime.instance.InstanceSnapshot;
import dev.actorspring.runtime.instance.InstanceSummary;
import dev.actorspring.runtime.instance.ConnectionSink;
import dev.actorspring.runtime.instance.InstanceServices;
import dev.actorspring.runtime.instance.ClientConnection;
import dev.actorspring.runtime.placement.ActorPlacement;
import dev.actorspring.runtime.placement.PlacedConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The transport-neutral entry point: every REST call, WebSocket frame and in-process call goes through here.
 * Validates names, keys and arguments on the caller's thread, then hands the request to the instance's
 * mailbox and returns a future completed after the instance's turn (and its commit).
 */
public final class ActorRuntime {

	private static final Log logger = LogFactory.getLog(ActorRuntime.class);

	/** The longest key, in UTF-8 bytes. */
	public static final int MAX_KEY_BYTES = 1024;

	private final ActorRegistry registry;

	private final InstanceServices services;

	private final Map<String, ActorInstanceTable> tables = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer;

	private volatile boolean running = true;

	private @Nullable ScheduledFuture<?> idleSweep;

	private volatile @Nullable ActorPlacement placement;

	/**
	 * Creates a runtime.
	 * @param registry the actor types
	 * @param services what instances share
	 * @param timer a scheduler for housekeeping (idle sleep); its tasks must be short
	 */
	public ActorRuntime(ActorRegistry registry, InstanceServices services, ScheduledExecutorService timer) {
		this.registry = registry;
		this.services = services;
		this.timer = timer;
		services.scheduleTimer().onDue(this::fireSchedules);
	}

	private void fireSchedules(String name, String key) {
		if (!this.running) {
			return;
		}
		if (this.registry.find(name) == null) {
			logger.warn("Forgetting the schedules of " + name + "/" + key + ": no actor type has that name");
			this.services.scheduleTimer().forget(name, key);
			return;
		}
		ActorPlacement placement = this.placement;
		if (placement != null) {
			placement.fireSchedules(name, key);
			return;
		}
		table(name, key).fireSchedules(key);
	}

	/**
	 * Runs the due schedules of an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when they ran and were committed
	 */
	public CompletableFuture<Void> fireSchedulesHere(String name, String key) {
		return checked(() -> table(name, key).fireSchedules(key));
	}

	/**
	 * Routes requests that reach an instance (calls, {@code tell}, create, describe, destroy) through a placement,
	 * which runs each on the instance's owner with the {@code ...Here} methods. Set once, before requests arrive.
	 * @param placement the placement (cluster mode)
	 */
	public void placeWith(ActorPlacement placement) {
		this.placement = placement;
	}

	/**
	 * What the placement shows the inspector (cluster mode), or {@code null} on one node.
	 * @return the description, or {@code null}
	 */
	public @Nullable Object placementDescription() {
		ActorPlacement placement = this.placement;
		return (placement != null) ? placement.describe() : null;
	}

	/**
	 * Runs, now, the schedules due by the schedule clock (for a timer that does not fire by itself).
	 * @return completes, with how many instances had schedules due, when each has run them and committed
	 */
	public CompletableFuture<Integer> fireDueSchedules() {
		List<CompletableFuture<Void>> fired = new java.util.ArrayList<>();
		for (String[] due : this.services.scheduleTimer().takeDue()) {
			if (this.registry.find(due[0]) != null) {
				fired.add(table(due[0], due[1]).fireSchedules(due[1]));
			}
		}
		return CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new)).thenApply((done) -> fired.size());
	}

	/**
	 * Puts one instance to sleep now, if it is loaded ({@code @OnSleep} runs, its file is closed).
	 * @param name the actor type name
	 * @param key the key
	 * @return completes when it sleeps
	 */
	public CompletableFuture<Void> sleep(String name, String key) {
		return checked(() -> table(name, key).sleep(key));
	}

	/**
	 * Starts housekeeping: idle instances are put to sleep after their sleep timeout.
	 */
	public synchronized void start() {
		if (this.idleSweep != null) {
			return;
		}
		Duration shortest = this.registry.definitions()
			.stream()
			.map((definition) -> (definition.sleepTimeout() != null) ? definition.sleepTimeout()
					: this.services.sleepTimeout())
			.min(Duration::compareTo)
			.orElse(this.services.sleepTimeout());
		this.services.listener()
			.started(this.registry.definitions().stream().map(ActorDefinition::name).toList());
		long period = Math.max(10, Math.min(1000, shortest.toMillis() / 4));
		this.idleSweep = this.timer.scheduleWithFixedDelay(this::sleepIdleInstances, period, period,
				TimeUnit.MILLISECONDS);
		this.services.scheduleTimer().start();
	}

	private void sleepIdleInstances() {
		try {
			long now = System.currentTimeMillis();
			for (ActorInstanceTable table : this.tables.values()) {
				table.sleepIdle(now);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Idle sweep failed", ex);
		}
	}

	/**
	 * Calls an action, creating the instance if needed.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null} for none
	 * @param caller the calling connection, if the call came over one
	 * @return the action's output as JSON, after its state change was committed
	 * @throws dev.actorspring.api.ActorException for an unknown actor or action, a bad key or bad arguments
	 */
	public CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable ClientConnection caller) {
		return call(name, key, action, args, caller,
				(caller instanceof ActorConnection local) ? local.principal() : null);
	}

	/**
	 * Calls an action on behalf of an authenticated principal.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null} for none
	 * @param caller the calling connection, if the call came over one
	 * @param principal who is calling, as the action sees it in {@code ActorContext.principal()}
	 * @return the action's output as JSON, after its state change was committed
	 */
	public CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable ClientConnection caller, @Nullable Principal principal) {
		if (caller instanceof PlacedConnection placed) {
			return checked(() -> {
				validate(name, key, action, args);
				return placed.call(action, args);
			});
		}
		ActorConnection local = (ActorConnection) caller;
		ActorPlacement placement = this.placement;
		if (placement != null && local == null) {
			return checked(() -> {
				validate(name, key, action, args);
				return placement.call(name, key, action, args, (principal != null) ? principal.getName() : null);
			});
		}
		return checked(() -> dispatch(name, key, action, args, local, principal, true));
	}

	/**
	 * Calls an action on an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @param principal the caller's principal name, or {@code null}
	 * @return the output as JSON, after its state change was committed
	 */
	public CompletableFuture<byte[]> callHere(String name, String key, String action, @Nullable JsonNode args,
			@Nullable String principal) {
		Principal caller = (principal != null) ? () -> principal : null;
		return checked(() -> dispatch(name, key, action, args, null, caller, false));
	}

	private void validate(String name, String key, String action, @Nullable JsonNode args) {
		if (table(name, key).definition().action(action) == null) {
			throw ActorErrors.actionNotFound(name, action);
		}
		if (args != null && !args.isArray()) {
			throw ActorErrors.invalidArguments("The arguments must be a JSON array.");
		}
	}

	private <T> T checked(java.util.function.Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ActorException ex) {
			rejected(ex);
			throw ex;
		}
	}

	/**
	 * Reports a request refused before reaching an actor, for the {@code rejected} metric.
	 * @param error why it was refused
	 */
	public void rejected(ActorException error) {
		this.services.listener().requestRejected(error.code());
	}

	/**
	 * Per actor type: instances in memory, queued messages (in all and in the fullest mailbox), open
	 * connections. Walks the live instances; meant for metrics and the inspector, not the hot path.
	 * @return the figures by actor type name
	 */
	public Map<String, TypeFigures> figures() {
		Map<String, TypeFigures> figures = new java.util.TreeMap<>();
		for (ActorDefinition definition : this.registry.definitions()) {
			ActorInstanceTable table = this.tables.get(definition.name());
			if (table == null) {
				figures.put(definition.name(), new TypeFigures(0, 0, 0, 0));
				continue;
			}
			int[] depths = table.mailboxDepths();
			figures.put(definition.name(), new TypeFigures(table.size(), depths[0], depths[1], table.connectionCount()));
		}
		return figures;
	}

	/**
	 * The live figures of one actor type.
	 *
	 * @param instances instances in memory
	 * @param queued messages waiting in their mailboxes
	 * @param maxQueued messages waiting in the fullest mailbox
	 * @param connections open connections
	 */
	public record TypeFigures(int instances, int queued, int maxQueued, int connections) {
	}

	private CompletableFuture<byte[]> dispatch(String name, String key, String action, @Nullable JsonNode args,
			@Nullable ActorConnection caller, @Nullable Principal principal, boolean joinsCallChain) {
		ActorInstanceTable table = table(name, key);
		ActionDefinition definition = table.definition().action(action);
		if (definition == null) {
			throw ActorErrors.actionNotFound(name, action);
		}
		if (args != null && !args.isArray()) {
			throw ActorErrors.invalidArguments("The arguments must be a JSON array.");
		}
		Object[] values = this.services.invoker().convertArguments(definition, args);
		CallChain chain = joinsCallChain ? CallChain.current() : null;
		if (chain != null && chain.contains(name, key)) {
			throw ActorErrors.callCycle(name, key, chain.describe());
		}
		return table.call(key, definition, values, caller, principal, chain);
	}

	/**
	 * Sends an action without waiting for it and outside any call chain; a failure is logged.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @throws dev.actorspring.api.ActorException for an unknown actor or action, a bad key or bad arguments
	 */
	public void tell(String name, String key, String action, @Nullable JsonNode args) {
		ActorPlacement placement = this.placement;
		CompletableFuture<byte[]> sent = (placement != null) ? checked(() -> {
			validate(name, key, action, args);
			return placement.call(name, key, action, args, null);
		}) : checked(() -> dispatch(name, key, action, args, null, null, false));
		sent.whenComplete((output, failure) -> {
			if (failure != null) {
				logger.warn("tell " + name + "/" + ActorErrors.truncate(key) + " " + action + " failed: " + failure);
			}
		});
	}

	/**
	 * Creates an instance explicitly.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param input the create input passed to {@code @CreateState} and {@code @OnCreate}
	 * @return its metadata; fails with {@code actor_already_exists} if it exists
	 */
	public CompletableFuture<ActorMetadata> create(String name, String key, @Nullable JsonNode input) {
		ActorPlacement placement = this.placement;
		if (placement != null) {
			return checked(() -> {
				table(name, key);
				return placement.create(name, key, input);
			});
		}
		return createHere(name, key, input);
	}

	/**
	 * Creates an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param input the create input, or {@code null}
	 * @return its metadata
	 */
	public CompletableFuture<ActorMetadata> createHere(String name, String key, @Nullable JsonNode input) {
		return checked(() -> table(name, key).create(key, input));
	}

	/**
	 * Describes an instance without creating it.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return its metadata; fails with {@code actor_not_found} if it was never created
	 */
	public CompletableFuture<ActorMetadata> describe(String name, String key) {
		ActorPlacement placement = this.placement;
		if (placement != null) {
			return checked(() -> {
				table(name, key);
				return placement.describe(name, key);
			});
		}
		return describeHere(name, key);
	}

	/**
	 * Describes an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return its metadata
	 */
	public CompletableFuture<ActorMetadata> describeHere(String name, String key) {
		return checked(() -> table(name, key).describe(key));
	}

	/**
	 * Connects a client (get-or-create). The sink receives {@code init} before any event.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes
	 * @return the connection, once {@code @OnBeforeConnect} accepted it
	 */
	public CompletableFuture<ClientConnection> connect(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink) {
		return connect(name, key, params, sink, null);
	}

	/**
	 * Connects an authenticated client; its principal is seen by {@code @OnBeforeConnect},
	 * {@code @OnConnect} and the actions it calls.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes
	 * @param principal who connects, or {@code null}
	 * @return the connection
	 */
	public CompletableFuture<ClientConnection> connect(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable Principal principal) {
		ActorPlacement placement = this.placement;
		if (placement != null) {
			return checked(() -> {
				table(name, key);
				return placement.connect(name, key, params, sink, (principal != null) ? principal.getName() : null)
					.thenApply((connection) -> connection);
			});
		}
		return connectHere(name, key, params, sink, principal).thenApply((connection) -> connection);
	}

	/**
	 * Connects a client to an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes
	 * @param principal who connects, or {@code null}
	 * @return the connection
	 */
	public CompletableFuture<ActorConnection> connectHere(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable Principal principal) {
		return checked(() -> table(name, key).connect(key, params, sink, principal));
	}

	/**
	 * Destroys an instance: {@code @OnDestroy} runs, connections close, its storage is deleted.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when it is gone; fails with {@code actor_not_found} if it was never created
	 */
	public CompletableFuture<Void> destroy(String name, String key) {
		ActorPlacement placement = this.placement;
		if (placement != null) {
			return checked(() -> {
				table(name, key);
				return placement.destroy(name, key);
			});
		}
		return destroyHere(name, key);
	}

	/**
	 * Destroys an instance owned by this node: what a placement runs on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when it is gone
	 */
	public CompletableFuture<Void> destroyHere(String name, String key) {
		return checked(() -> table(name, key).destroy(key));
	}

	/**
	 * Takes a snapshot of an instance for the inspector, through its mailbox.
	 * @param name the actor type name
	 * @param key the key
	 * @param wake whether to load it if it sleeps
	 * @return the snapshot, or {@code null} if it sleeps and {@code wake} is false; fails with
	 * {@code actor_not_found} if it does not exist
	 */
	public CompletableFuture<@Nullable InstanceSnapshot> inspect(String name, String key, boolean wake) {
		return checked(() -> table(name, key).inspect(key, wake));
	}

	/**
	 * Summaries of the loaded instances of a type, for the inspector.
	 * @param name the actor type name
	 * @param limit the most to return
	 * @return the summaries
	 */
	public List<InstanceSummary> awakeInstances(String name, int limit) {
		ActorInstanceTable table = this.tables.get(name);
		return (table != null) ? table.summaries(limit) : List.of();
	}

	/**
	 * Reports that a connection closed; runs {@code @OnDisconnect}.
	 * @param name the actor type name
	 * @param connection the connection
	 */
	public void disconnect(String name, ClientConnection connection) {
		if (connection instanceof PlacedConnection placed) {
			placed.disconnect();
			return;
		}
		ActorInstanceTable table = this.tables.get(name);
		if (table != null) {
			table.disconnect((ActorConnection) connection);
		}
	}

	public ActorRegistry registry() {
		return this.registry;
	}

	public ActorCodec codec() {
		return this.services.codec();
	}

	/**
	 * How many instances of one type are in memory (awake, waking or going to sleep).
	 * @param name the actor type name
	 * @return the count
	 */
	public int liveInstances(String name) {
		ActorInstanceTable table = this.tables.get(name);
		return (table != null) ? table.size() : 0;
	}

	/**
	 * How many instances are in memory, over all types.
	 * @return the count
	 */
	public int liveInstances() {
		return this.tables.values().stream().mapToInt(ActorInstanceTable::size).sum();
	}

	/**
	 * Refuses new requests and puts every instance to sleep ({@code @OnSleep}, storage closed).
	 * @param timeout how long to wait for the instances
	 */
	public void stop(Duration timeout) {
		this.running = false;
		synchronized (this) {
			if (this.idleSweep != null) {
				this.idleSweep.cancel(false);
			}
		}
		this.services.scheduleTimer().stop();
		List<CompletableFuture<Void>> sleeping = this.tables.values().stream().map(ActorInstanceTable::sleepAll).toList();
		try {
			CompletableFuture.allOf(sleeping.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Not every actor went to sleep within " + timeout + ": " + ex);
		}
	}

	public boolean running() {
		return this.running;
	}

	private ActorInstanceTable table(String name, String key) {
		if (!this.running) {
			throw ActorErrors.stopped();
		}
		ActorInstanceTable table = this.tables.get(name);
		if (table == null) {
			ActorDefinition definition = this.registry.find(name);
			if (definition == null) {
				throw ActorErrors.actorTypeNotFound(ActorErrors.truncate(name));
			}
			table = this.tables.computeIfAbsent(name, (n) -> new ActorInstanceTable(definition, this.services));
		}
		checkKey(key);
		return table;
	}

	/**
	 * Checks that a key is usable: not empty, at most {@value #MAX_KEY_BYTES} UTF-8 bytes.
	 * @param key the key
	 * @throws dev.actorspring.api.ActorException {@code invalid_key}
	 */
	public static void checkKey(String key) {
		if (key.isEmpty()) {
			throw ActorErrors.invalidKey("The actor key must not be empty.");
		}
		if (key.length() * 3 > MAX_KEY_BYTES && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			throw ActorErrors.invalidKey("The actor key is longer than " + MAX_KEY_BYTES + " bytes.");
		}
	}

}
