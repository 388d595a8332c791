package dev.actorspring.runtime.instance;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.actorspring.api.ActorException;
import dev.actorspring.api.Supervision;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.mailbox.Mailbox;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One actor instance. It owns a {@link Mailbox} whose messages it handles one at a time, and is made of rooms:
 * {@link InstanceMemory} (state, vars, schedules, storage), {@link Turns} (the one turn template),
 * {@link GroupCommit} (the commit), {@link Activation} (its life), {@link Connections} (connections and event
 * delivery) and {@link KeptOutcomes} (the outcomes of calls made with an idempotency key). This class dispatches each message to the rooms; the actions found waiting in the mailbox run one after
 * another and are committed together before any caller gets an answer.
 */
final class ActorInstance implements Mailbox.Receiver<Message> {

	private static final Log logger = LogFactory.getLog(ActorInstance.class);

	private final ActorDefinition definition;

	private final String key;

	private final InstanceServices services;

	private final InstanceTable table;

	private final Mailbox<Message> mailbox;

	private final InstanceMemory memory;

	private final InstanceContext context = new InstanceContext(this);

	private final Turns turns = new Turns(this);

	private final GroupCommit commits = new GroupCommit(this);

	private final Connections connections = new Connections(this);

	private final Activation activation = new Activation(this);

	private final KeptOutcomes keptOutcomes = new KeptOutcomes(this);

	private final Queues queues = new Queues(this);

	private final AtomicBoolean sleepRequested = new AtomicBoolean();

	private volatile long lastActive = System.currentTimeMillis();

	private final KeptAwake keptAwake = new KeptAwake();

	ActorInstance(ActorDefinition definition, String key, InstanceServices services, InstanceTable table) {
		this.definition = definition;
		this.key = key;
		this.services = services;
		this.table = table;
		this.memory = new InstanceMemory(definition, services.codec(), services.limits().maxStateBytes());
		this.mailbox = new Mailbox<>(services.executor(), services.maxBatch(), this);
	}

	// The mailbox side: called from any thread.

	Mailbox<Message> mailbox() {
		return this.mailbox;
	}

	/**
	 * Whether this instance has been awake with nothing to do for longer than the timeout: no connection, nothing
	 * queued or running.
	 */
	boolean idleLongerThan(long nowMillis, long timeoutMillis) {
		return this.activation.active() && this.connections.count() == 0 && this.mailbox.idle()
				&& nowMillis - this.lastActive > timeoutMillis && !this.keptAwake.holds(nowMillis);
	}

	/** Keeps the instance from sleeping for being idle while {@code work} runs, within the keep-awake timeout. */
	void keepAwake(CompletableFuture<?> work) {
		this.keptAwake.add(work, System.currentTimeMillis(), this.services.limits().keepAwakeTimeout().toMillis(),
				() -> this.lastActive = System.currentTimeMillis());
	}

	/** Claims the right to send this instance an idle Sleep; false if one is already on its way. */
	boolean claimIdleSleep() {
		return this.sleepRequested.compareAndSet(false, true);
	}

	/** A summary for the inspector; {@code null} if not loaded. */
	@Nullable InstanceSummary summary() {
		return this.activation.active() ? new InstanceSummary(this.key, this.mailbox.depth(),
				Instant.ofEpochMilli(this.lastActive), this.connections.count()) : null;
	}

	int connectionCount() {
		return this.connections.count();
	}

	@Override
	public void receive(Message message) {
		message.deliverTo(this);
		InstanceContext.Lifecycle requested = this.turns.takeRequest();
		if (requested != null && this.activation.active()) {
			boolean committed = this.commits.flush();
			if (requested == InstanceContext.Lifecycle.SLEEP) {
				this.activation.sleep("actor.sleeping");
			}
			else if (committed) {
				try {
					this.activation.destroy();
				}
				catch (ActorException ex) {
					// asked for by an action, whose answer is out: the instance stays, as a refused destroy keeps it
					logger.warn("Did not destroy " + this + ": " + ex.getMessage());
				}
			}
		}
	}

	/**
	 * A held group's confirmation came (any thread): the instance releases, on its turn, every group whose
	 * confirmation came, in order.
	 */
	void confirmationCame() {
		this.mailbox.offer(Message.Released.INSTANCE, Integer.MAX_VALUE);
	}

	@Override
	public void batchEnded() {
		this.commits.flushPipelined();
		this.lastActive = System.currentTimeMillis();
	}

	/** Only an awake instance: waking one (opening its file, or creating it) stays on the mailbox pool. */
	@Override
	public boolean mayRunOnCaller() {
		return this.activation.active();
	}

	@Override
	public void drained() {
		if (!this.activation.active()) {
			this.table.evictIfIdle(this);
		}
	}

	/**
	 * Whether the table may drop this instance: nothing loaded, no committed group waiting for its confirmation
	 * (checked once its mailbox cannot run).
	 */
	boolean evictable() {
		return !this.activation.active() && !this.commits.holding();
	}

	// Handlers, one per message, on the instance's turn.

	void invoke(Message.Invoke call) {
		try {
			this.activation.activate(true, null);
		}
		catch (ActorException ex) {
			call.reply().completeExceptionally(ex);
			return;
		}
		IdempotentCall idempotent = call.idempotent();
		if (idempotent != null && this.keptOutcomes.answer(call, idempotent)) {
			return;
		}
		ActionDefinition action = call.action();
		ActorRuntimeListener listener = this.services.listener();
		long started = System.nanoTime();
		Turns.Outcome outcome = this.turns.run(TurnKind.ACTION, call.caller(), call.principal(), call.chain(),
				() -> this.services.codec().encode(runAction(call)));
		if (outcome.failed()) {
			ActorException error = failure(outcome.failure(), "action '" + action.name() + "'");
			listener.actionCompleted(this.definition.name(), action.name(), System.nanoTime() - started, error.code(),
					error.status());
			this.commits.add(call.reply(), null, error, List.of(), this.keptOutcomes.refusal(idempotent, action, error));
			if (this.definition.supervision() == Supervision.RESTART
					&& !(ActorFailures.unwrap(outcome.failure()) instanceof ActorException)) {
				this.activation.restart();
			}
			return;
		}
		listener.actionCompleted(this.definition.name(), action.name(), System.nanoTime() - started, null, 200);
		byte[] output = (byte[]) outcome.result();
		this.commits.add(call.reply(), output, null, outcome.effects(),
				this.keptOutcomes.output(idempotent, action, output));
	}

	void create(Message.Create create) {
		answer(create.reply(), "create", () -> {
			if (this.activation.activate(false, null)) {
				throw ActorErrors.actorAlreadyExists(this.definition.name(), this.key);
			}
			this.activation.activate(true, create.input());
			return metadata();
		});
	}

	void describe(Message.Describe describe) {
		answer(describe.reply(), "describe", () -> {
			existing();
			return metadata();
		});
	}

	void connect(Message.Connect connect) {
		alone(() -> this.connections.open(connect));
	}

	void subscribe(Message.Subscribe subscribe) {
		alone(() -> this.connections.subscribe(subscribe));
	}

	void disconnect(Message.Disconnect disconnect) {
		alone(() -> {
			if (this.connections.remove(disconnect.connection())) {
				this.turns.hookLoggingFailure(HookType.ON_DISCONNECT, disconnect.connection());
			}
		});
	}

	void sleep(Message.Sleep sleep) {
		alone(() -> {
			if (!sleep.onlyIfIdle()) {
				this.activation.sleep("actor.stopping");
			}
			else if (this.connections.size() == 0 && this.mailbox.depth() == 0
					&& !this.keptAwake.holds(System.currentTimeMillis())) {
				int expired = this.keptAwake.expire(System.currentTimeMillis());
				if (expired > 0) {
					logger.warn(this + " goes to sleep with " + expired
							+ " kept-awake work(s) still running after actor.keep-awake-timeout");
				}
				this.activation.sleep("actor.sleeping");
			}
			this.sleepRequested.set(false);
			sleep.reply().complete(null);
		});
	}

	void inspect(Message.Inspect inspect) {
		answer(inspect.reply(), "inspect", () -> {
			if (!this.activation.active() && !inspect.wake()) {
				return null;
			}
			existing();
			return new InstanceSnapshot(metadata(), this.services.codec().parse(this.memory.stateBytes()),
					this.memory.schedules().list(), this.connections.snapshot(), this.mailbox.depth());
		});
	}

	void fireSchedules(Message.FireSchedules fire) {
		alone(() -> {
			new DueSchedules(this).run();
			fire.done().complete(null);
		});
	}

	void destroy(Message.Destroy destroy) {
		answer(destroy.reply(), "destroy", () -> {
			existing();
			this.activation.destroy();
			return null;
		});
	}

	/** Loads the instance if it sleeps; {@code actor_not_found} if it was never created. */
	private void existing() {
		if (!this.activation.activate(false, null)) {
			throw ActorErrors.actorNotFound(this.definition.name(), this.key);
		}
	}

	/** Runs a request that does not join the group commit and answers it, or its failure. */
	private <T> void answer(CompletableFuture<T> reply, String what, Request<T> request) {
		alone(() -> {
			try {
				reply.complete(request.run());
			}
			catch (Throwable ex) {
				reply.completeExceptionally(failure(ex, what));
			}
		});
	}

	/** What a request does, on the instance's turn. */
	@FunctionalInterface
	interface Request<T> {

		@Nullable T run() throws Throwable;

	}

	/** Runs a message that does not join the group commit: what ran before it is committed first. */
	private void alone(Runnable handler) {
		this.commits.flush();
		handler.run();
		this.commits.flush();
	}

	/** Runs an action's method inside the listeners' scope (for example an Observation). */
	private @Nullable Object runAction(Message.Invoke call) throws Throwable {
		return this.turns.observed(call.action().name(), call.callerContext(),
				() -> this.services.invoker().invoke(call.action().binding(), this.context, call.caller(), call.args()));
	}

	/** What a caller is told of a failure; logs what the caller is not told. */
	ActorException failure(@Nullable Throwable thrown, String what) {
		Throwable ex = ActorFailures.unwrap(thrown);
		if (ex instanceof ActorException actorException) {
			if (actorException.status() >= 500) {
				logger.error(what + " of " + this + " failed", (ex.getCause() != null) ? ex.getCause() : ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(what + " of " + this + " refused: " + ex.getMessage());
			}
			return actorException;
		}
		logger.error(what + " of " + this + " failed", ex);
		return ActorErrors.internalError(ex);
	}

	private ActorMetadata metadata() {
		return new ActorMetadata(this.memory.actorId(), this.definition.name(), this.key, this.memory.createdAt());
	}

	ActorDefinition definition() {
		return this.definition;
	}

	String key() {
		return this.key;
	}

	InstanceServices services() {
		return this.services;
	}

	InstanceTable table() {
		return this.table;
	}

	InstanceMemory memory() {
		return this.memory;
	}

	InstanceContext context() {
		return this.context;
	}

	Turns turns() {
		return this.turns;
	}

	GroupCommit commits() {
		return this.commits;
	}

	Connections connections() {
		return this.connections;
	}

	Activation activation() {
		return this.activation;
	}

	Queues queues() {
		return this.queues;
	}

	/** When the instance is next due: its earliest schedule or queue message, or {@code null}. */
	@Nullable Instant nextDue() {
		Instant schedule = this.memory.schedules().earliest();
		Instant message = this.queues.nextDue();
		return (schedule == null || (message != null && message.isBefore(schedule))) ? message : schedule;
	}

	@Override
	public String toString() {
		return "actor " + this.definition.name() + "/" + ActorErrors.truncate(this.key);
	}

}
