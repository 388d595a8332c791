package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorQueue;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.Connection;
import dev.actorspring.api.Schedule;
import dev.actorspring.api.ScheduledAction;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.sql.ActorDataSource;
import dev.actorspring.runtime.sql.TurnSql;
import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link ActorContext} of one instance. Collects the effects of the current turn; only usable on it.
 */
final class InstanceContext implements ActorContext<Object> {

	/** One client for all instances: its data source resolves the turn running on the calling thread. */
	private static final JdbcClient SQL = JdbcClient.create(new ActorDataSource());

	private final ActorInstance instance;

	private @Nullable ActorConnection caller;

	/** Whether the current turn runs a scheduled action (whose own schedules then start traces of their own). */
	private boolean scheduledTurn;

	private @Nullable Principal principal;

	private @Nullable Thread turnThread;

	private List<Effect> effects = new ArrayList<>();

	private @Nullable Lifecycle requested;

	/** What an action may ask of its own instance's life. */
	enum Lifecycle {

		SLEEP, DESTROY

	}

	private final Schedule schedule = new Schedule() {

		@Override
		public String after(Duration delay, String action, Object... args) {
			return at(services().scheduleTimer().clock().instant().plus(delay), action, args);
		}

		@Override
		public String at(Instant time, String action, Object... args) {
			checkTurn();
			JsonNode json = checkedArguments(action, args);
			// a schedule made by a scheduled action starts a trace of its own: an actor that schedules itself again
			// and again would otherwise grow one trace (and keep its sampling decision) forever
			return schedules().add(action, json, time.toEpochMilli(), InstanceContext.this.scheduledTurn ? Map.of()
					: services().listener().exportContext(name(), action));
		}

		@Override
		public String cron(String name, String expression, ZoneId zone, String action, Object... args) {
			checkTurn();
			checkName(name);
			JsonNode json = checkedArguments(action, args);
			Long first;
			try {
				first = ScheduleEntry.nextCron(expression, zone.getId(), now());
			}
			catch (IllegalArgumentException ex) {
				throw ActorErrors.invalidArguments("The cron expression '" + ActorErrors.truncate(expression)
						+ "' is not valid: " + ex.getMessage());
			}
			if (first == null) {
				throw ActorErrors.invalidArguments("The cron expression '" + ActorErrors.truncate(expression)
						+ "' never matches.");
			}
			// each run starts a trace of its own, as a schedule made by a scheduled action does
			return schedules().putRecurring(
					new ScheduleEntry(name, action, json, first, 0, null, expression, zone.getId(), null, null));
		}

		@Override
		public String cron(String name, String expression, String action, Object... args) {
			return cron(name, expression, ZoneOffset.UTC, action, args);
		}

		@Override
		public String every(String name, Duration interval, String action, Object... args) {
			checkTurn();
			checkName(name);
			JsonNode json = checkedArguments(action, args);
			if (interval.toMillis() < 1) {
				throw ActorErrors.invalidArguments("A schedule's interval must be at least 1 ms, not " + interval + ".");
			}
			long every = interval.toMillis();
			return schedules().putRecurring(new ScheduleEntry(name, action, json, now() + every, 0, null, null, null,
					every, null));
		}

		@Override
		public boolean cancel(String id) {
			checkTurn();
			return schedules().cancel(id);
		}

		@Override
		public List<ScheduledAction> list() {
			checkTurn();
			return schedules().list();
		}

	};

	/** The arguments of an action to schedule, as JSON, after checking they convert as a call's would. */
	private JsonNode checkedArguments(String action, Object[] args) {
		ActionDefinition definition = this.instance.definition().action(action);
		if (definition == null) {
			throw ActorErrors.actionNotFound(name(), action);
		}
		JsonNode json = services().codec().mapper().valueToTree(Arrays.asList(args));
		services().invoker().convertArguments(definition, json);
		return json;
	}

	private static void checkName(String name) {
		if (name == null || name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
			throw ActorErrors.invalidArguments("A recurring schedule needs a name of 1 to 200 characters, "
					+ "without control characters.");
		}
	}

	private long now() {
		return services().scheduleTimer().clock().millis();
	}

	InstanceContext(ActorInstance instance) {
		this.instance = instance;
	}

	void beginTurn(@Nullable ActorConnection caller, @Nullable Principal principal, CallChain chain,
			boolean scheduled) {
		this.scheduledTurn = scheduled;
		this.caller = caller;
		this.principal = principal;
		this.turnThread = Thread.currentThread();
		CallChain.enter(chain.with(name(), key()));
	}

	/**
	 * Ends the turn and hands over its effects.
	 * @return the effects, in the order they were asked for
	 */
	List<Effect> endTurn() {
		this.caller = null;
		this.principal = null;
		this.scheduledTurn = false;
		this.turnThread = null;
		this.requested = null;
		CallChain.leave();
		if (this.effects.isEmpty()) {
			return List.of();
		}
		List<Effect> taken = this.effects;
		this.effects = new ArrayList<>();
		return taken;
	}

	@Override
	public String name() {
		return this.instance.definition().name();
	}

	@Override
	public String key() {
		return this.instance.key();
	}

	@Override
	public String actorId() {
		return this.instance.memory().actorId();
	}

	@Override
	public Object state() {
		checkTurn();
		return this.instance.memory().state();
	}

	@Override
	public void setState(Object state) {
		checkTurn();
		if (state == null) {
			throw new IllegalArgumentException("The state must not be null");
		}
		this.instance.memory().setState(state);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <V> @Nullable V vars() {
		checkTurn();
		return (V) this.instance.memory().vars();
	}

	@Override
	public void setVars(@Nullable Object vars) {
		checkTurn();
		this.instance.memory().setVars(vars);
	}

	@Override
	public void broadcast(String eventName, Object... args) {
		emit(eventName, args, null);
	}

	void emit(String eventName, Object[] args, @Nullable ActorConnection target) {
		checkTurn();
		// a broadcast while no connection is open reaches no one (a connection opened later subscribes after it), so
		// its arguments are not encoded: RivetKit serializes an event only for its subscribers, too
		Connections connections = this.instance.connections();
		boolean heard = target != null || connections.size() > 0 || services().eventTap() != null;
		addEffect(new Effect.Event(eventName, heard ? services().codec().encode(args) : null, target,
				connections.nextEvent()));
	}

	void addEffect(Effect effect) {
		checkTurn();
		this.effects.add(effect);
	}

	@Override
	public Schedule schedule() {
		checkTurn();
		return this.schedule;
	}

	@Override
	public JdbcClient sql() {
		requireTurnSql("sql", ": create tables and seed rows in a migration script (db/actors/" + name()
				+ "/V1__init.sql), change data in actions");
		return SQL;
	}

	@Override
	public ActorQueue queue(String name) {
		requireTurnSql("queue", "");
		return this.instance.queues().view(name);
	}

	/** Checks that the current turn has the instance's SQL database (not {@code @CreateState}, ...). */
	private void requireTurnSql(String method, String advice) {
		checkTurn();
		if (!TurnSql.active()) {
			throw new IllegalStateException("ActorContext." + method + "() of " + name() + "/" + key()
					+ " is not available in @CreateState, @OnCreate or @OnStateChange" + advice);
		}
	}

	@Override
	public ActorClient actors() {
		return this.instance.services().client().get();
	}

	@Override
	public <T> CompletableFuture<T> keepAwake(CompletableFuture<T> work) {
		checkTurn();
		this.instance.keepAwake(work);
		return work;
	}

	@Override
	public void sleep() {
		checkTurn();
		if (this.requested == null) {
			this.requested = Lifecycle.SLEEP;
		}
	}

	@Override
	public void destroy() {
		checkTurn();
		this.requested = Lifecycle.DESTROY;
	}

	/** What the current turn asked for, read before {@link #endTurn()}. */
	@Nullable Lifecycle requested() {
		return this.requested;
	}

	@Override
	public @Nullable Connection connection() {
		return this.caller;
	}

	@Override
	public @Nullable Principal principal() {
		checkTurn();
		return this.principal;
	}

	@Override
	public Collection<? extends Connection> connections() {
		return this.instance.connections().all();
	}

	private InstanceServices services() {
		return this.instance.services();
	}

	private ScheduleBook schedules() {
		return this.instance.memory().schedules();
	}

	private void checkTurn() {
		if (this.turnThread != Thread.currentThread()) {
			throw new IllegalStateException("The ActorContext of " + name() + "/" + key()
					+ " was used outside its turn; keep it inside the action or hook that received it");
		}
	}

}
