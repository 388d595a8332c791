package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.actorspring.api.ActorException;
import dev.actorspring.api.Supervision;
import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StoredState;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.ActorDefinitionFactory;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.definition.MethodBinding;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.sql.TurnSql;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One actor instance: its mailbox, its state and its connections. Messages run one at a time on the shared
 * executor; the actions found waiting in the mailbox run one after another and their state change is
 * committed once, before any of their callers gets an answer (group commit).
 */
final class ActorInstance implements Runnable {

	private static final Log logger = LogFactory.getLog(ActorInstance.class);

	private static final Object[] NO_PAYLOAD = {};

	/** Where an instance is in its life. */
	enum Status {

		/** Not loaded: never activated, asleep, or failed to start; the next message loads it. */
		NEW,

		/** Looked up and found never created; a message that creates makes it ACTIVE. */
		ABSENT,

		/** Loaded and serving: state in memory, storage open. */
		ACTIVE

	}

	private final ActorDefinition definition;

	private final String key;

	private final InstanceServices services;

	private final ActorInstanceTable table;

	private final ConcurrentLinkedQueue<Message> mailbox = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicInteger depth = new AtomicInteger();

	private final InstanceContext context = new InstanceContext(this);

	private final GroupCommit group = new GroupCommit();

	private final Map<String, ActorConnection> connections = new LinkedHashMap<>();

	private final ScheduleBook schedules;

	private volatile Status status = Status.NEW;

	private volatile long lastActive = System.currentTimeMillis();

	private volatile int connectionCount;

	private final AtomicBoolean sleepRequested = new AtomicBoolean();

	private @Nullable ActorStorage storage;

	private @Nullable Object state;

	private byte @Nullable [] stateBytes;

	private byte @Nullable [] committedBytes;

	private @Nullable Object vars;

	private String actorId = "";

	private final TurnSql.Binding sqlBinding = new TurnSql.Binding() {

		@Override
		public Connection connection() {
			return turnConnection();
		}

		@Override
		public String description() {
			return ActorInstance.this.toString();
		}

	};

	private boolean turnUsedSql;

	private Instant createdAt = Instant.EPOCH;

	ActorInstance(ActorDefinition definition, String key, InstanceServices services, ActorInstanceTable table) {
		this.definition = definition;
		this.key = key;
		this.services = services;
		this.table = table;
		this.schedules = new ScheduleBook(services.codec());
	}

	/**
	 * Adds a message and schedules the mailbox. Called only under the table's lock for this key, so that an
	 * instance is never evicted with a message in it.
	 */
	void enqueue(Message message) {
		this.depth.incrementAndGet();
		this.mailbox.add(message);
		if (this.scheduled.compareAndSet(false, true)) {
			this.services.executor().execute(this);
		}
	}

	/**
	 * Whether this instance has been awake with nothing to do for longer than the timeout: no connection,
	 * nothing queued or running. Read from the timer thread.
	 */
	boolean idleLongerThan(long nowMillis, long timeoutMillis) {
		return this.status == Status.ACTIVE && this.connectionCount == 0 && !this.scheduled.get()
				&& this.mailbox.isEmpty() && nowMillis - this.lastActive > timeoutMillis;
	}

	/** A summary for the inspector, read from any thread; {@code null} if not loaded. */
	@Nullable InstanceSummary summary() {
		if (this.status != Status.ACTIVE) {
			return null;
		}
		return new InstanceSummary(this.key, this.depth.get(), Instant.ofEpochMilli(this.lastActive),
				this.connectionCount);
	}

	/** How many messages wait in the mailbox. Read from any thread. */
	int mailboxDepth() {
		return this.depth.get();
	}

	/** How many connections are open. Read from any thread. */
	int connectionCount() {
		return this.connectionCount;
	}

	/** Claims the right to send this instance an idle Sleep; false if one is already on its way. */
	boolean claimIdleSleep() {
		return this.sleepRequested.compareAndSet(false, true);
	}

	/** Whether the table may drop this instance: nothing queued, not running, nothing loaded. */
	boolean evictable() {
		return this.mailbox.isEmpty() && !this.scheduled.get() && this.status != Status.ACTIVE;
	}

	@Override
	public void run() {
		try {
			processBatch();
		}
		catch (Throwable ex) {
			logger.error("Unexpected failure in the mailbox of " + this, ex);
		}
		finally {
			this.scheduled.set(false);
			if (!this.mailbox.isEmpty()) {
				if (this.scheduled.compareAndSet(false, true)) {
					this.services.executor().execute(this);
				}
			}
			else if (this.status != Status.ACTIVE) {
				this.table.evictIfIdle(this);
			}
		}
	}

	private void processBatch() {
		for (int processed = 0; processed < this.services.maxBatch(); processed++) {
			Message message = this.mailbox.poll();
			if (message == null) {
				break;
			}
			this.depth.decrementAndGet();
			if (message instanceof Message.Invoke invoke) {
				invoke(invoke);
			}
			else {
				commit();
				handle(message);
				commit();
			}
		}
		commit();
		this.lastActive = System.currentTimeMillis();
	}

	private void invoke(Message.Invoke invoke) {
		try {
			activate(true, null);
		}
		catch (ActorException ex) {
			invoke.reply().completeExceptionally(ex);
			return;
		}
		this.context.beginTurn(invoke.caller(), invoke.principal(), invoke.chain());
		TurnSql.Binding previousSql = TurnSql.bind(this.sqlBinding);
		long started = System.nanoTime();
		try {
			Object result = runAction(invoke);
			byte[] output = this.services.codec().encode(result);
			captureState();
			endSqlTurn(previousSql, true);
			this.services.listener()
				.actionCompleted(this.definition.name(), invoke.action().name(), System.nanoTime() - started, null, 200);
			InstanceContext.Lifecycle requested = this.context.requested();
			this.group.add(invoke.reply(), output, null, this.context.endTurn());
			if (requested != null) {
				commit();
				if (requested == InstanceContext.Lifecycle.DESTROY) {
					destroyNow();
				}
				else {
					sleep("actor.sleeping");
				}
			}
		}
		catch (Throwable ex) {
			this.context.endTurn();
			endSqlTurn(previousSql, false);
			restoreState();
			ActorException error = failure(ex, "action '" + invoke.action().name() + "'");
			this.services.listener()
				.actionCompleted(this.definition.name(), invoke.action().name(), System.nanoTime() - started,
						error.code(), error.status());
			this.group.add(invoke.reply(), null, error, List.of());
			if (this.definition.supervision() == Supervision.RESTART && !(unwrap(ex) instanceof ActorException)) {
				restart();
			}
		}
	}

	/** Reloads the instance from its file after a failure, keeping its connections (Supervision.RESTART). */
	private void restart() {
		commit();
		Collection<ActorConnection> open = List.copyOf(this.connections.values());
		release();
		try {
			activate(false, null);
		}
		catch (ActorException ex) {
			this.connections.clear();
			this.connectionCount = 0;
			open.forEach((connection) -> connection.sink().close(1011, "actor.restart_failed"));
		}
	}

	/** Runs an action's method inside the listeners' scope (for example an Observation). */
	private @Nullable Object runAction(Message.Invoke invoke) throws Throwable {
		ActorRuntimeListener.ActionScope scope = this.services.listener()
			.actionStarting(this.definition.name(), invoke.action().name());
		Object result;
		try {
			result = this.services.invoker().invoke(invoke.action().binding(), this.context, invoke.caller(), invoke.args());
		}
		catch (Throwable ex) {
			if (scope != null) {
				scope.close(ex);
			}
			throw ex;
		}
		if (scope != null) {
			scope.close(null);
		}
		return result;
	}

	private void handle(Message message) {
		if (message instanceof Message.Create create) {
			try {
				if (activate(false, null)) {
					throw ActorErrors.actorAlreadyExists(this.definition.name(), this.key);
				}
				activate(true, create.input());
				create.reply().complete(metadata());
			}
			catch (Throwable ex) {
				create.reply().completeExceptionally(failure(ex, "create"));
			}
		}
		else if (message instanceof Message.Describe describe) {
			try {
				if (!activate(false, null)) {
					throw ActorErrors.actorNotFound(this.definition.name(), this.key);
				}
				describe.reply().complete(metadata());
			}
			catch (Throwable ex) {
				describe.reply().completeExceptionally(failure(ex, "describe"));
			}
		}
		else if (message instanceof Message.Connect connect) {
			connect(connect);
		}
		else if (message instanceof Message.Disconnect disconnect) {
			disconnect(disconnect.connection());
		}
		else if (message instanceof Message.Sleep sleep) {
			if (!sleep.onlyIfIdle()) {
				sleep("actor.stopping");
			}
			else if (this.connections.isEmpty() && this.mailbox.isEmpty()) {
				sleep("actor.sleeping");
			}
			this.sleepRequested.set(false);
			sleep.reply().complete(null);
		}
		else if (message instanceof Message.Inspect inspect) {
			try {
				if (this.status != Status.ACTIVE && !inspect.wake()) {
					inspect.reply().complete(null);
				}
				else if (!activate(false, null)) {
					throw ActorErrors.actorNotFound(this.definition.name(), this.key);
				}
				else {
					inspect.reply().complete(snapshot());
				}
			}
			catch (Throwable ex) {
				inspect.reply().completeExceptionally(failure(ex, "inspect"));
			}
		}
		else if (message instanceof Message.FireSchedules fire) {
			fireDueSchedules();
			commit();
			if (this.status == Status.ACTIVE) {
				this.services.scheduleTimer().afterCommit(this.definition.name(), this.key, this.schedules.earliest());
			}
			fire.done().complete(null);
		}
		else if (message instanceof Message.Destroy destroy) {
			try {
				if (!activate(false, null)) {
					throw ActorErrors.actorNotFound(this.definition.name(), this.key);
				}
				destroyNow();
				destroy.reply().complete(null);
			}
			catch (Throwable ex) {
				destroy.reply().completeExceptionally(failure(ex, "destroy"));
			}
		}
	}

	private void fireDueSchedules() {
		try {
			if (!activate(false, null)) {
				this.services.scheduleTimer().forget(this.definition.name(), this.key);
				return;
			}
		}
		catch (ActorException ex) {
			ScheduleTimer timer = this.services.scheduleTimer();
			timer.afterCommit(this.definition.name(), this.key, timer.clock().instant().plusMillis(timer.backoffMillis()));
			return;
		}
		long now = this.services.scheduleTimer().clock().millis();
		for (ScheduleEntry entry : this.schedules.due(now)) {
			ActionDefinition action = this.definition.action(entry.action());
			Object[] args;
			try {
				if (action == null) {
					throw ActorErrors.actionNotFound(this.definition.name(), entry.action());
				}
				args = this.services.invoker().convertArguments(action, entry.args());
			}
			catch (ActorException ex) {
				logger.error("Dropping the schedule " + entry.id() + " of " + this + ": " + ex.getMessage());
				this.schedules.cancel(entry.id());
				captureState();
				continue;
			}
			this.context.beginTurn(null);
			TurnSql.Binding previousSql = TurnSql.bind(this.sqlBinding);
			try {
				this.services.invoker().invoke(action.binding(), this.context, null, args);
				this.schedules.cancel(entry.id());
				captureState();
				endSqlTurn(previousSql, true);
				this.group.add(null, null, null, this.context.endTurn());
				this.services.listener().scheduleFired(this.definition.name(), true);
			}
			catch (Throwable ex) {
				this.context.endTurn();
				endSqlTurn(previousSql, false);
				restoreState();
				failure(ex, "scheduled action '" + entry.action() + "'");
				this.services.listener().scheduleFired(this.definition.name(), false);
				ScheduleTimer timer = this.services.scheduleTimer();
				if (!this.schedules.retry(entry, now, timer.maxAttempts(), timer.backoffMillis())) {
					logger.error("Dropping the schedule " + entry.id() + " of " + this + " ('" + entry.action()
							+ "') after " + timer.maxAttempts() + " failed attempts");
				}
				captureState();
			}
		}
	}

	private void connect(Message.Connect connect) {
		ActorConnection connection = null;
		try {
			activate(true, null);
			if (this.connections.size() >= this.services.limits().maxConnections()) {
				throw ActorErrors.tooManyConnections(this.services.limits().maxConnections());
			}
			MethodBinding beforeConnect = this.definition.hook(HookType.ON_BEFORE_CONNECT);
			if (beforeConnect != null) {
				Object verdict = runHook(beforeConnect, null, connect.principal(),
						this.services.invoker().convertPayload(beforeConnect, connect.params()));
				if (Boolean.FALSE.equals(verdict)) {
					throw ActorErrors.forbidden("The actor refused the connection.");
				}
			}
			connection = new ActorConnection(UUID.randomUUID().toString(), connect.params(), connect.sink(), this,
					connect.principal());
			this.connections.put(connection.id(), connection);
			this.connectionCount = this.connections.size();
			connect.sink().init(this.actorId, connection.id());
			MethodBinding onConnect = this.definition.hook(HookType.ON_CONNECT);
			if (onConnect != null) {
				runHook(onConnect, connection, NO_PAYLOAD);
			}
			connect.reply().complete(connection);
		}
		catch (Throwable ex) {
			if (connection != null) {
				this.connections.remove(connection.id());
				this.connectionCount = this.connections.size();
			}
			connect.reply().completeExceptionally(failure(ex, "connect"));
		}
	}

	private void disconnect(ActorConnection connection) {
		if (this.connections.remove(connection.id()) == null) {
			return;
		}
		this.connectionCount = this.connections.size();
		runHookLoggingFailure(HookType.ON_DISCONNECT, connection);
	}

	private void sleep(String reason) {
		if (this.status != Status.ACTIVE) {
			return;
		}
		runHookLoggingFailure(HookType.ON_SLEEP, null);
		commit();
		closeConnections(1001, reason);
		release();
		this.services.listener().lifecycle(this.definition.name(), ActorRuntimeListener.LifecycleEvent.SLEEP);
	}

	private void destroyNow() {
		runHookLoggingFailure(HookType.ON_DESTROY, null);
		commit();
		closeConnections(1000, "actor.destroyed");
		release();
		this.services.scheduleTimer().forget(this.definition.name(), this.key);
		this.services.listener().lifecycle(this.definition.name(), ActorRuntimeListener.LifecycleEvent.DESTROY);
		try {
			this.services.store().delete(this.definition.name(), this.key);
		}
		catch (RuntimeException ex) {
			logger.error("Could not delete the storage of " + this, ex);
		}
		this.status = Status.ABSENT;
	}

	private void closeConnections(int code, String reason) {
		for (ActorConnection connection : this.connections.values()) {
			connection.sink().close(code, reason);
		}
		this.connections.clear();
		this.connectionCount = 0;
	}

	/**
	 * Makes the instance ACTIVE if it exists or {@code create} is set.
	 * @return whether it is ACTIVE
	 * @throws ActorException if loading or creating failed
	 */
	private boolean activate(boolean create, @Nullable JsonNode input) {
		if (this.status == Status.ACTIVE) {
			return true;
		}
		if (this.status == Status.NEW) {
			ActorStorage opened;
			try {
				opened = this.services.store().open(this.definition.name(), this.key);
			}
			catch (RuntimeException ex) {
				throw activationFailed(ex);
			}
			if (opened != null) {
				load(opened);
				wake();
				this.services.listener().lifecycle(this.definition.name(), ActorRuntimeListener.LifecycleEvent.WAKE);
				return true;
			}
			this.status = Status.ABSENT;
		}
		if (!create) {
			return false;
		}
		createNew(input);
		this.services.listener().lifecycle(this.definition.name(), ActorRuntimeListener.LifecycleEvent.CREATE);
		wake();
		return true;
	}

	private void load(ActorStorage opened) {
		StoredState stored = opened.loaded();
		try {
			this.state = (this.definition.stateType() != null)
					? this.services.codec().decode(stored.state(), this.definition.stateType()) : null;
		}
		catch (RuntimeException ex) {
			opened.close();
			throw activationFailed(ex);
		}
		this.storage = opened;
		this.actorId = stored.actorId();
		this.createdAt = stored.createdAt();
		this.stateBytes = stored.state();
		this.committedBytes = stored.state();
		this.schedules.load(stored.schedules());
	}

	private void createNew(@Nullable JsonNode input) {
		this.schedules.clear();
		this.actorId = UUID.randomUUID().toString();
		this.createdAt = this.services.scheduleTimer().clock().instant();
		try {
			if (this.definition.stateful()) {
				MethodBinding createState = this.definition.hook(HookType.CREATE_STATE);
				this.state = (createState != null)
						? hookTurn(createState, this.services.invoker().convertPayload(createState, input))
						: ActorDefinitionFactory.newState(this.definition);
				if (this.state == null) {
					throw new IllegalStateException("@CreateState returned null");
				}
			}
			MethodBinding onCreate = this.definition.hook(HookType.ON_CREATE);
			if (onCreate != null) {
				hookTurn(onCreate, this.services.invoker().convertPayload(onCreate, input));
			}
			byte[] initial = this.services.codec().encode(this.state);
			this.schedules.capture();
			this.services.scheduleTimer().beforeCommit(this.definition.name(), this.key, this.schedules.earliest());
			this.storage = this.services.store()
				.create(this.definition.name(), this.key,
						new StoredState(this.actorId, initial, this.createdAt, this.schedules.bytes()));
			this.stateBytes = initial;
			this.committedBytes = initial;
			this.schedules.committed();
		}
		catch (Throwable ex) {
			this.state = null;
			this.schedules.clear();
			throw (ex instanceof ActorException actorException) ? actorException : activationFailed(ex);
		}
	}

	private void wake() {
		try {
			MethodBinding createVars = this.definition.hook(HookType.CREATE_VARS);
			this.vars = (createVars != null) ? runHook(createVars, null, NO_PAYLOAD) : null;
			MethodBinding onWake = this.definition.hook(HookType.ON_WAKE);
			if (onWake != null) {
				runHook(onWake, null, NO_PAYLOAD);
			}
			this.status = Status.ACTIVE;
			this.services.scheduleTimer().afterCommit(this.definition.name(), this.key, this.schedules.earliest());
		}
		catch (Throwable ex) {
			commit();
			release();
			throw activationFailed(ex);
		}
	}

	private void release() {
		if (this.storage != null) {
			this.storage.close();
		}
		this.storage = null;
		this.state = null;
		this.vars = null;
		this.stateBytes = null;
		this.committedBytes = null;
		this.schedules.clear();
		this.status = Status.NEW;
	}

	/** Runs a hook outside an action; its state change joins the group, its effects follow the commit. */
	private @Nullable Object runHook(MethodBinding hook, @Nullable ActorConnection connection, Object[] payload)
			throws Throwable {
		return runHook(hook, connection, (connection != null) ? connection.principal() : null, payload);
	}

	private @Nullable Object runHook(MethodBinding hook, @Nullable ActorConnection connection,
			@Nullable Principal principal, Object[] payload) throws Throwable {
		this.context.beginTurn(connection, principal, CallChain.EMPTY);
		TurnSql.Binding previousSql = TurnSql.bind(this.sqlBinding);
		try {
			Object result = this.services.invoker().invoke(hook, this.context, connection, payload);
			captureState();
			endSqlTurn(previousSql, true);
			List<Effect> effects = this.context.endTurn();
			if (!effects.isEmpty()) {
				this.group.add(null, null, null, effects);
			}
			return result;
		}
		catch (Throwable ex) {
			this.context.endTurn();
			endSqlTurn(previousSql, false);
			restoreState();
			throw ex;
		}
	}

	/** Runs a hook whose failure nobody waits for: it is logged and the instance goes on. */
	private void runHookLoggingFailure(HookType type, @Nullable ActorConnection connection) {
		MethodBinding hook = this.definition.hook(type);
		if (hook != null) {
			try {
				runHook(hook, connection, NO_PAYLOAD);
			}
			catch (Throwable ex) {
				failure(ex, type.displayName());
			}
		}
	}

	/** Runs a creation hook: nothing is stored yet and nobody is connected, so effects are dropped. */
	private @Nullable Object hookTurn(MethodBinding hook, Object[] payload) throws Throwable {
		this.context.beginTurn(null);
		try {
			return this.services.invoker().invoke(hook, this.context, null, payload);
		}
		finally {
			this.context.endTurn();
		}
	}

	private void captureState() {
		byte[] bytes = (this.state != null) ? this.services.codec().encode(this.state) : null;
		int limit = this.services.limits().maxStateBytes();
		if (bytes != null && bytes.length > limit) {
			throw ActorErrors.stateTooLarge(bytes.length, limit);
		}
		if (this.schedules.capture()) {
			this.group.markDirty();
			this.group.markSchedulesChanged();
		}
		if (bytes == null) {
			return;
		}
		if (!Arrays.equals(bytes, this.stateBytes)) {
			this.stateBytes = bytes;
			this.group.markDirty();
		}
	}

	private void restoreState() {
		this.schedules.restore();
		if (this.stateBytes != null && this.definition.stateType() != null) {
			this.state = this.services.codec().decode(this.stateBytes, this.definition.stateType());
		}
	}

	/** Commits the group's state change, if any, then releases its replies and effects. */
	private void commit() {
		if (!this.group.pending()) {
			return;
		}
		if (!this.group.dirty()) {
			if (this.group.sqlUsed()) {
				try {
					this.storage.commit();
				}
				catch (RuntimeException ex) {
					abortGroup(ex);
					return;
				}
			}
			this.group.release(this);
			return;
		}
		boolean schedulesChanged = this.group.schedulesChanged();
		long started = System.nanoTime();
		try {
			if (schedulesChanged) {
				this.services.scheduleTimer()
					.beforeCommit(this.definition.name(), this.key, this.schedules.earliest());
			}
			this.storage.save(this.stateBytes, this.schedules.bytes());
			this.committedBytes = this.stateBytes;
			this.schedules.committed();
			this.services.listener()
				.committed(this.definition.name(), this.group.size(), System.nanoTime() - started, this.stateBytes.length);
		}
		catch (RuntimeException ex) {
			abortGroup(ex);
			return;
		}
		if (schedulesChanged) {
			this.services.scheduleTimer().afterCommit(this.definition.name(), this.key, this.schedules.earliest());
		}
		notifyStateChange();
		this.group.release(this);
	}

	/** Fails every turn of the group after its storage failed: nothing of it is kept, nothing delivered. */
	private void abortGroup(RuntimeException ex) {
		logger.error("Could not commit the state of " + this, ex);
		this.group.fail(ActorErrors.storageFailed(ex));
		if (this.storage != null) {
			this.storage.rollback();
		}
		this.stateBytes = this.committedBytes;
		this.schedules.rollBack();
		restoreState();
	}

	/** The current turn's database connection: opens the group's transaction and the turn's savepoint. */
	private Connection turnConnection() {
		if (this.storage == null) {
			throw new IllegalStateException(this + " has no storage open");
		}
		Connection connection = this.storage.sqlConnection();
		this.turnUsedSql = true;
		this.group.markSqlUsed();
		return connection;
	}

	/**
	 * Ends the turn's SQL: keeps its writes in the group's transaction or rolls them back to the turn's start.
	 * If that fails the whole group is aborted, and a kept turn fails too.
	 */
	private void endSqlTurn(TurnSql.@Nullable Binding previous, boolean keep) {
		TurnSql.restore(previous);
		if (!this.turnUsedSql) {
			return;
		}
		this.turnUsedSql = false;
		try {
			this.storage.endTurn(keep);
		}
		catch (RuntimeException ex) {
			abortGroup(ex);
			if (keep) {
				throw ActorErrors.storageFailed(ex);
			}
		}
	}

	private void notifyStateChange() {
		MethodBinding onStateChange = this.definition.hook(HookType.ON_STATE_CHANGE);
		if (onStateChange == null || this.state == null) {
			return;
		}
		this.context.beginTurn(null);
		try {
			this.services.invoker()
				.invoke(onStateChange, this.context, null,
						(onStateChange.payloadCount() == 0) ? NO_PAYLOAD : new Object[] { this.state });
		}
		catch (Throwable ex) {
			failure(ex, "@OnStateChange");
		}
		List<Effect> effects = this.context.endTurn();
		if (!Arrays.equals(this.services.codec().encode(this.state), this.stateBytes)) {
			logger.warn("State changes made in @OnStateChange of " + this + " are discarded; change state in actions");
			restoreState();
		}
		deliver(effects);
	}

	/** Delivers effects to connections, after their turn committed. */
	void deliver(List<Effect> effects) {
		for (Effect effect : effects) {
			if (effect instanceof Effect.Event event) {
				int delivered = 0;
				if (event.target() != null) {
					if (this.connections.containsKey(event.target().id())) {
						send(event.target(), event);
						delivered++;
					}
				}
				else {
					for (ActorConnection connection : this.connections.values()) {
						if (connection.subscribed(event.name())) {
							send(connection, event);
							delivered++;
						}
					}
				}
				this.services.listener().eventEmitted(this.definition.name(), delivered);
				EventTap tap = this.services.eventTap();
				if (tap != null) {
					tap.emitted(this.definition.name(), this.key, event.name(), event.argsJson());
				}
			}
			else if (effect instanceof Effect.Disconnect disconnect) {
				if (this.connections.containsKey(disconnect.connection().id())) {
					disconnect.connection().sink().close(1000, disconnect.reason());
				}
			}
		}
	}

	private void send(ActorConnection connection, Effect.Event event) {
		try {
			connection.sink().event(event.name(), event.argsJson());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not deliver event " + event.name() + " to " + connection, ex);
		}
	}

	private static Throwable unwrap(Throwable thrown) {
		Throwable ex = thrown;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		return ex;
	}

	private ActorException failure(Throwable thrown, String what) {
		Throwable ex = unwrap(thrown);
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

	private ActorException activationFailed(Throwable ex) {
		logger.error("Could not start " + this, ex);
		return ActorErrors.activationFailed(this.definition.name(), ex);
	}

	private InstanceSnapshot snapshot() {
		List<InstanceSnapshot.ConnectionSnapshot> open = this.connections.values()
			.stream()
			.map((connection) -> new InstanceSnapshot.ConnectionSnapshot(connection.id(), connection.subscriptions()))
			.toList();
		return new InstanceSnapshot(metadata(), this.services.codec().parse(this.stateBytes), this.schedules.list(),
				open, this.depth.get());
	}

	private ActorMetadata metadata() {
		return new ActorMetadata(this.actorId, this.definition.name(), this.key, this.createdAt);
	}

	ActorDefinition definition() {
		return this.definition;
	}

	String key() {
		return this.key;
	}

	String actorId() {
		return this.actorId;
	}

	InstanceServices services() {
		return this.services;
	}

	ScheduleBook schedules() {
		return this.schedules;
	}

	InstanceContext context() {
		return this.context;
	}

	Collection<ActorConnection> connections() {
		return this.connections.values();
	}

	@Nullable Object state() {
		return this.state;
	}

	void setState(Object state) {
		this.state = state;
	}

	@Nullable Object vars() {
		return this.vars;
	}

	void setVars(@Nullable Object vars) {
		this.vars = vars;
	}

	@Override
	public String toString() {
		return "actor " + this.definition.name() + "/" + ActorErrors.truncate(this.key);
	}

}
