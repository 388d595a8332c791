package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.sql.Connection;
import java.util.List;

import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.definition.MethodBinding;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.sql.TurnSql;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one turn template, for actions, scheduled actions, hooks and state-change callbacks alike: begin the turn,
 * bind its SQL, run its body, capture the state, end its SQL, end the turn; on failure, roll the turn's SQL back
 * and restore the state. What {@code ctx.sleep()} or {@code ctx.destroy()} asked in a successful turn is kept
 * until its message is handled (see {@link #takeRequest()}). Hooks and {@code @OnStateChange} run through it too.
 */
final class Turns {

	private static final Log logger = LogFactory.getLog(Turns.class);

	private static final Object[] NO_PAYLOAD = {};

	private final ActorInstance instance;

	private final TurnSql.Binding sql = new TurnSql.Binding() {

		@Override
		public Connection connection() {
			return turnConnection();
		}

		@Override
		public String description() {
			return Turns.this.instance.toString();
		}

	};

	private boolean turnUsedSql;

	/** Why the group's open transaction was lost during the current turn, if it was. */
	private @Nullable RuntimeException lostGroup;

	private InstanceContext.@Nullable Lifecycle requested;

	Turns(ActorInstance instance) {
		this.instance = instance;
	}

	/**
	 * Runs one turn.
	 * @param kind what kind of turn
	 * @param caller the connection the turn runs for, if any
	 * @param principal who the turn runs for, if known
	 * @param chain the actors waiting for this turn
	 * @param body the turn's work
	 * @return what the turn produced, or why it failed
	 */
	Outcome run(TurnKind kind, @Nullable ActorConnection caller, @Nullable Principal principal, CallChain chain,
			Body body) {
		InstanceContext context = this.instance.context();
		InstanceMemory memory = this.instance.memory();
		context.beginTurn(caller, principal, chain, kind == TurnKind.SCHEDULED);
		TurnSql.Binding previousSql = TurnSql.bind(kind.sql() ? this.sql : null);
		try {
			Object result = body.run();
			if (this.lostGroup != null) {
				return groupLost(previousSql);
			}
			switch (kind.state()) {
				case KEEP -> this.instance.commits().changed(memory.capture());
				case DISCARD -> discardStateChange(memory);
				case NONE -> {
				}
			}
			endSql(previousSql, true);
			InstanceContext.Lifecycle asked = context.requested();
			List<Effect> effects = context.endTurn();
			// @OnStateChange runs after a commit, for no message: what it asks is not kept (as in @OnSleep/@OnDestroy)
			if (asked != null && kind != TurnKind.STATE_CHANGE && this.requested != InstanceContext.Lifecycle.DESTROY) {
				this.requested = asked;
			}
			return new Outcome(result, null, effects);
		}
		catch (Throwable ex) {
			if (this.lostGroup != null) {
				return groupLost(previousSql);
			}
			context.endTurn();
			RuntimeException groupFailed = endSql(previousSql, false);
			if (kind.state() == TurnKind.StateRule.KEEP) {
				memory.restore();
			}
			// the group failed with it (say SQLite rolled the transaction back, and the action's next SQL was refused)
			return new Outcome(null, (groupFailed != null) ? ActorErrors.storageFailed(groupFailed) : ex, List.of());
		}
	}

	/**
	 * Ends a turn during which the storage lost the group's open transaction: the whole group fails (its earlier
	 * turns' SQL writes are gone), once the turn is over, so that no reply is completed inside it; the turn fails
	 * with {@code storage_failed} whatever its action did with the error.
	 */
	private Outcome groupLost(TurnSql.@Nullable Binding previousSql) {
		RuntimeException lost = this.lostGroup;
		this.lostGroup = null;
		this.turnUsedSql = false;
		this.instance.context().endTurn();
		TurnSql.restore(previousSql);
		this.instance.commits().abort(lost);
		return new Outcome(null, ActorErrors.storageFailed(lost), List.of());
	}

	/**
	 * The actor's state was committed: {@code @OnStateChange} sees it.
	 * @return its effects, which go out with the group's release (before the group's own)
	 */
	List<Effect> stateChanged() {
		MethodBinding onStateChange = this.instance.definition().hook(HookType.ON_STATE_CHANGE);
		Object state = this.instance.memory().state();
		if (onStateChange == null || state == null) {
			return List.of();
		}
		Object[] payload = (onStateChange.payloadCount() == 0) ? NO_PAYLOAD : new Object[] { state };
		Turns.Outcome outcome = run(TurnKind.STATE_CHANGE, null, null, CallChain.EMPTY,
				() -> this.instance.services().invoker().invoke(onStateChange, this.instance.context(), null, payload));
		if (outcome.failed()) {
			this.instance.failure(outcome.failure(), "@OnStateChange");
		}
		return outcome.effects();
	}

	/**
	 * Runs a hook of an existing instance as a turn: its state change joins the group, its effects follow the
	 * commit.
	 * @return what the hook returned
	 * @throws Throwable what it threw
	 */
	@Nullable Object hook(MethodBinding hook, @Nullable ActorConnection connection, Object[] payload)
			throws Throwable {
		return hook(hook, connection, (connection != null) ? connection.principal() : null, payload);
	}

	@Nullable Object hook(MethodBinding hook, @Nullable ActorConnection connection, @Nullable Principal principal,
			Object[] payload) throws Throwable {
		Turns.Outcome outcome = run(TurnKind.HOOK, connection, principal, CallChain.EMPTY,
				() -> this.instance.services().invoker().invoke(hook, this.instance.context(), connection, payload));
		if (!outcome.effects().isEmpty()) {
			this.instance.commits().add(null, null, null, outcome.effects());
		}
		return outcome.resultOrThrow();
	}

	/** Runs a hook whose failure nobody waits for: it is logged and the instance goes on. */
	void hookLoggingFailure(HookType type, @Nullable ActorConnection connection) {
		MethodBinding hook = this.instance.definition().hook(type);
		if (hook != null) {
			try {
				hook(hook, connection, NO_PAYLOAD);
			}
			catch (Throwable ex) {
				this.instance.failure(ex, type.displayName());
			}
		}
	}

	/** Whether a successful turn asked to sleep or to be destroyed, not yet taken. */
	boolean requestPending() {
		return this.requested != null;
	}

	/**
	 * Takes what the successful turns of the message just handled asked of the instance's life; also drops what the
	 * turns of a leaving instance ({@code @OnSleep}, {@code @OnDestroy}) or of a group that failed to commit asked.
	 * @return {@code SLEEP}, {@code DESTROY} (which wins) or {@code null}
	 */
	InstanceContext.@Nullable Lifecycle takeRequest() {
		InstanceContext.Lifecycle taken = this.requested;
		this.requested = null;
		return taken;
	}

	private void discardStateChange(InstanceMemory memory) {
		if (memory.stateChangedSinceCapture()) {
			logger.warn("State changes made in @OnStateChange of " + this.instance
					+ " are discarded; change state in actions");
			memory.restore();
		}
	}

	/**
	 * The current turn's database connection: opens the group's transaction and the turn's savepoint. If that fails
	 * while the group's transaction holds SQL writes, the storage dropped them with its connection: the group fails
	 * as a whole at the end of this turn (see {@link #groupLost}), so that no earlier turn of it is answered as
	 * committed without its SQL writes. Either way the turn gets {@code storage_failed}.
	 */
	private Connection turnConnection() {
		if (this.lostGroup != null) {
			throw ActorErrors.storageFailed(this.lostGroup);
		}
		Connection connection;
		try {
			connection = this.instance.memory().openStorage().sqlConnection();
		}
		catch (StateStoreException ex) {
			if (this.instance.commits().holdsSql()) {
				this.lostGroup = ex;
			}
			throw ActorErrors.storageFailed(ex);
		}
		this.turnUsedSql = true;
		this.instance.commits().sqlUsed();
		return connection;
	}

	/**
	 * Ends the turn's SQL: keeps its writes in the group's transaction or rolls them back to the turn's start. If
	 * that fails the whole group is aborted, and a kept turn fails too.
	 * @return why the group was aborted, when a turn that is not kept could not end its SQL; else {@code null}
	 */
	private @Nullable RuntimeException endSql(TurnSql.@Nullable Binding previous, boolean keep) {
		TurnSql.restore(previous);
		if (!this.turnUsedSql) {
			return null;
		}
		this.turnUsedSql = false;
		try {
			this.instance.memory().openStorage().endTurn(keep);
			return null;
		}
		catch (RuntimeException ex) {
			this.instance.commits().abort(ex);
			if (keep) {
				throw ActorErrors.storageFailed(ex);
			}
			return ex;
		}
	}

	/**
	 * Runs an action's body inside the listeners' scope (for example an Observation, child of the caller's).
	 * @param action the action name
	 * @param callerContext what the listener captured for the caller, or a propagated context, or {@code null}
	 * @param body what runs
	 * @return what the body returned
	 */
	@Nullable Object observed(String action, @Nullable Object callerContext, ActorInstance.Request<?> body)
			throws Throwable {
		ActorRuntimeListener.ActionScope scope = this.instance.services().listener()
			.actionStarting(this.instance.definition().name(), action, callerContext);
		Object result;
		try {
			result = body.run();
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

	/** A turn's work. */
	@FunctionalInterface
	interface Body {

		@Nullable Object run() throws Throwable;

	}

	/**
	 * What a turn produced.
	 *
	 * @param result what its body returned, if it succeeded
	 * @param failure what it threw, if it failed
	 * @param effects what it asked for that follows its commit (none if it failed)
	 */
	record Outcome(@Nullable Object result, @Nullable Throwable failure, List<Effect> effects) {

		boolean failed() {
			return this.failure != null;
		}

		/**
		 * The result, or the failure rethrown.
		 * @return the result
		 * @throws Throwable the failure
		 */
		@Nullable Object resultOrThrow() throws Throwable {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.result;
		}

	}

}
