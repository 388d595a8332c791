package dev.actorspring.runtime;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import dev.actorspring.api.ActorException;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.QueueDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.listener.DeadLetters;
import dev.actorspring.runtime.listener.PropagatedContext;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.ActorPlacement;
import dev.actorspring.runtime.placement.ActorPlacement.ActionCall;
import dev.actorspring.runtime.placement.ActorPlacement.QueueCall;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import dev.actorspring.runtime.placement.TypeFigures;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The transport-neutral entry point: every REST call, WebSocket frame and in-process call goes through here. It
 * checks the actor type, the key, the action and the arguments' shape once, on the caller's thread, and hands the
 * request to its {@link ActorPlacement}, which runs it where the instance lives; the future completes after the
 * instance's turn and its commit. Built by {@link #builder()}.
 */
public final class ActorRuntime {

	private final ActorRegistry registry;

	private final ActorCodec codec;

	private final LocalPlacement local;

	private final ActorPlacement placement;

	private final ActorRuntimeListener listener;

	private final DeadLetters deadLetters;

	private final Housekeeping housekeeping;

	private final Duration actionTimeout;

	private final RequestChecks checks;

	private volatile boolean running = true;

	ActorRuntime(ActorRegistry registry, ActorCodec codec, LocalPlacement local, ActorPlacement placement,
			ActorRuntimeListener listener, DeadLetters deadLetters, ScheduledExecutorService timer,
			Duration defaultSleepTimeout, Duration actionTimeout) {
		this.actionTimeout = actionTimeout;
		this.registry = registry;
		this.checks = new RequestChecks(registry, deadLetters, listener, this::running);
		this.codec = codec;
		this.local = local;
		this.placement = placement;
		this.listener = listener;
		this.deadLetters = deadLetters;
		this.housekeeping = new Housekeeping(registry, local, placement, listener, timer, defaultSleepTimeout,
				this::running);
	}

	/**
	 * Starts wiring a runtime: the one place that does, for the auto-configuration and the test kit alike.
	 * @return a builder
	 */
	public static ActorRuntimeBuilder builder() {
		return new ActorRuntimeBuilder();
	}

	/**
	 * Calls an action, creating the instance if needed.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null} for none
	 * @param principal who calls, as {@code ActorContext.principal()} shows it, or {@code null}
	 * @return the action's output as JSON, after its state change was committed
	 * @throws ActorException for an unknown actor or action, a bad key or bad arguments, or an overloaded mailbox
	 */
	public CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable Principal principal) {
		return call(name, key, action, args, principal, null);
	}

	/**
	 * Calls an action as {@link #call(String, String, String, JsonNode, Principal)}, with an idempotency key
	 * ({@code null} for none): the instance keeps the outcome, committed with the call's changes, and a later call
	 * by the same principal with the same key gets it without running the action again ({@code invalid_idempotency_key},
	 * {@code idempotency_key_reused} for another action or other arguments).
	 */
	public CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable Principal principal, @Nullable String idempotencyKey) {
		return this.checks.checked(() -> this.placement.call(actionCall(name, key, action, args, principal, true,
				idempotencyKey, false)));
	}

	/**
	 * As {@link #call(String, String, String, JsonNode, Principal, String)}, for a thread that will only wait for the
	 * answer: the turn runs on it if the instance is awake, idle and its last run quick (past any timeout, if long).
	 */
	public CompletableFuture<byte[]> callWaiting(String name, String key, String action, @Nullable JsonNode args,
			@Nullable Principal principal, @Nullable String idempotencyKey) {
		return this.checks.checked(() -> this.placement.call(actionCall(name, key, action, args, principal, true,
				idempotencyKey, true)));
	}

	/**
	 * Calls an action as a connection (over WebSocket): {@code ActorContext.connection()} is that connection.
	 * @param name the actor type name
	 * @param connection the connection
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @param idempotencyKey the idempotency key, or {@code null} for none
	 * @param trace the client's trace propagation fields (W3C {@code traceparent}), or {@code null} for none
	 * @return the output as JSON, after its state change was committed
	 */
	public CompletableFuture<byte[]> call(String name, ClientConnection connection, String action,
			@Nullable JsonNode args, @Nullable String idempotencyKey, @Nullable Map<String, String> trace) {
		return this.checks.checked(() -> {
			RequestChecks.action(this.checks.type(name), action, args);
			PropagatedContext propagated = PropagatedContext.of(trace);
			return connection.call(action, args, (idempotencyKey != null) ? IdempotencyKeys.check(idempotencyKey) : null,
					(propagated != null) ? propagated : this.listener.callerContext());
		});
	}

	/**
	 * How long a caller waits for an action's answer before {@code action_timed_out}: what the action declares
	 * ({@code @Action(timeout = ...)}), else {@code actor.action-timeout} (also for an unknown actor or action).
	 */
	public Duration actionTimeout(String name, String action) {
		ActorDefinition type = this.registry.find(name);
		ActionDefinition definition = (type != null) ? type.action(action) : null;
		return (definition != null && definition.timeout() != null) ? definition.timeout() : this.actionTimeout;
	}

	/** How long a caller waits for what has no timeout of its own (create, describe, destroy, connect). */
	public Duration actionTimeout() {
		return this.actionTimeout;
	}

	/**
	 * Sends an action without waiting for it and outside any call chain; a failure is logged.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @throws ActorException for an unknown actor or action, a bad key or bad arguments
	 */
	public void tell(String name, String key, String action, @Nullable JsonNode args) {
		tell(name, key, action, args, null);
	}

	/**
	 * Sends an action without waiting for it, with an idempotency key (see
	 * {@link #call(String, String, String, JsonNode, Principal, String)}); as {@link #tell(String, String, String, JsonNode)}.
	 */
	public void tell(String name, String key, String action, @Nullable JsonNode args,
			@Nullable String idempotencyKey) {
		this.checks.checked(() -> this.placement.call(actionCall(name, key, action, args, null, false, idempotencyKey,
				false)))
			.whenComplete((output, failure) -> {
				String code = (failure != null) ? ActorFailures.toActorException(failure).code() : null;
				if (code != null && !code.equals("overloaded")) { // a full mailbox reported it already
					this.deadLetters.report(name, key, action, DeadLetter.Reason.TELL_FAILED, code);
				}
			});
	}

	/**
	 * Publishes a message to a durable queue of an instance, creating it if needed.
	 * @param wait whether to wait for the message's consumption
	 * @return the message id as JSON once it is committed in the instance's file; with {@code wait}, the consumer's
	 * output once it was consumed ({@code queue/not_found}, {@code queue/full}, {@code invalid_arguments})
	 */
	public CompletableFuture<byte[]> enqueue(String name, String key, String queue, @Nullable JsonNode body,
			boolean wait, @Nullable Principal principal) {
		return this.checks.checked(() -> {
			ActorDefinition type = this.checks.instance(name, key);
			QueueDefinition definition = type.queue(queue);
			if (definition == null) {
				throw ActorErrors.queueNotFound(name, queue);
			}
			return this.placement.enqueue(new QueueCall(type, key, definition, body, principal, wait));
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
		return this.checks.checked(() -> this.placement.create(this.checks.instance(name, key), key, input));
	}

	/**
	 * Describes an instance without creating it.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return its metadata; fails with {@code actor_not_found} if it was never created
	 */
	public CompletableFuture<ActorMetadata> describe(String name, String key) {
		return this.checks.checked(() -> this.placement.describe(this.checks.instance(name, key), key));
	}

	/**
	 * Destroys an instance: {@code @OnDestroy} runs, connections close, its storage is deleted.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when it is gone; fails with {@code actor_not_found} if it was never created
	 */
	public CompletableFuture<Void> destroy(String name, String key) {
		return this.checks.checked(() -> this.placement.destroy(this.checks.instance(name, key), key));
	}

	/**
	 * Connects a client (get-or-create). The sink receives {@code init} before any event.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes
	 * @param principal who connects, seen by {@code @OnBeforeConnect}, {@code @OnConnect} and the actions it calls
	 * @return the connection, once {@code @OnBeforeConnect} accepted it
	 */
	public CompletableFuture<ClientConnection> connect(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable Principal principal) {
		return this.checks.checked(() -> this.placement.connect(this.checks.instance(name, key), key, params, sink, principal));
	}

	/**
	 * Reports that a connection closed; runs {@code @OnDisconnect}.
	 * @param connection the connection
	 */
	public void disconnect(ClientConnection connection) {
		connection.disconnect();
	}

	/**
	 * Takes a snapshot of an instance on this node, for the inspector, through its mailbox.
	 * @param name the actor type name
	 * @param key the key
	 * @param wake whether to load it if it sleeps, where the placement allows it ({@link #inspectorMayWake()})
	 * @return the snapshot, or {@code null} if it is not in memory here and is not loaded; fails with
	 * {@code actor_not_found} if it does not exist
	 */
	public CompletableFuture<@Nullable InstanceSnapshot> inspect(String name, String key, boolean wake) {
		boolean load = wake && this.placement.inspectorMayWake();
		return this.checks.checked(() -> this.local.inspect(this.checks.instance(name, key), key, load));
	}

	/**
	 * Whether {@link #inspect} loads sleeping instances when asked to: not in cluster mode, where this node's file
	 * of an actor that another node owns may be stale.
	 * @return whether it does
	 */
	public boolean inspectorMayWake() {
		return this.placement.inspectorMayWake();
	}

	/**
	 * Puts one instance of this node to sleep now, if it is loaded ({@code @OnSleep} runs, its file is closed).
	 * @param name the actor type name
	 * @param key the key
	 * @return completes when it sleeps
	 */
	public CompletableFuture<Void> sleep(String name, String key) {
		return this.checks.checked(() -> this.local.sleep(this.checks.instance(name, key), key));
	}

	/**
	 * Runs, now, the schedules due by the schedule clock (for a clock that does not fire by itself).
	 * @return completes, with how many instances had schedules due, when each has run them and committed
	 */
	public CompletableFuture<Integer> fireDueSchedules() {
		List<CompletableFuture<Void>> fired = new ArrayList<>();
		for (String[] due : this.local.takeDueSchedules()) {
			ActorDefinition type = this.registry.find(due[0]);
			if (type != null) {
				fired.add(this.placement.fireSchedules(type, due[1]));
			}
		}
		return CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new)).thenApply((done) -> fired.size());
	}

	/**
	 * Where messages that reached nobody are reported, and the most recent of them.
	 * @return the dead letter office
	 */
	public DeadLetters deadLetters() {
		return this.deadLetters;
	}

	/**
	 * Reports a request refused before reaching an actor, for the {@code rejected} metric.
	 * @param error why it was refused
	 */
	public void rejected(ActorException error) {
		this.checks.rejected(error);
	}

	/** Per actor type on this node: instances in memory, queued messages (in all and in the fullest mailbox), open
	 * connections, by type name. Walks the live instances; meant for metrics and the inspector, not the hot path. */
	public Map<String, TypeFigures> figures() {
		return this.local.figures(this.registry.definitions());
	}

	/**
	 * Summaries of the loaded instances of a type on this node, for the inspector.
	 * @param name the actor type name
	 * @param limit the most to return
	 * @return the summaries
	 */
	public List<InstanceSummary> awakeInstances(String name, int limit) {
		return this.local.awakeInstances(name, limit);
	}

	/**
	 * How many instances of one type are in memory on this node (awake, waking or going to sleep).
	 * @param name the actor type name
	 * @return the count
	 */
	public int liveInstances(String name) {
		return this.local.liveInstances(name);
	}

	/**
	 * How many instances are in memory on this node, over all types.
	 * @return the count
	 */
	public int liveInstances() {
		return this.local.liveInstances();
	}

	/**
	 * What the placement shows the inspector (cluster mode), or {@code null} on one node.
	 * @return the description, or {@code null}
	 */
	public @Nullable Object placementDescription() {
		return this.placement.describe();
	}

	public ActorRegistry registry() {
		return this.registry;
	}

	public ActorCodec codec() {
		return this.codec;
	}

	public boolean running() {
		return this.running;
	}

	/**
	 * Starts the placement, the durable schedules' timers and housekeeping (idle instances go to sleep after their
	 * sleep timeout).
	 */
	public void start() {
		this.housekeeping.start();
	}

	/**
	 * Refuses new requests and puts every instance of this node to sleep ({@code @OnSleep}, storage closed).
	 * @param timeout how long to wait for the instances
	 */
	public void stop(Duration timeout) {
		this.running = false;
		this.housekeeping.stop(timeout);
	}

	private ActionCall actionCall(String name, String key, String action, @Nullable JsonNode args,
			@Nullable Principal principal, boolean awaited, @Nullable String idempotencyKey, boolean runHere) {
		String checkedKey = (idempotencyKey != null) ? IdempotencyKeys.check(idempotencyKey) : null;
		ActorDefinition type = this.checks.instance(name, key);
		return new ActionCall(type, key, RequestChecks.action(type, action, args), args, principal, awaited, checkedKey,
				this.listener.callerContext(), runHere);
	}

}
