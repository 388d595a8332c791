package dev.actorspring.runtime.instance;

/**
 * The kinds of turn, and what the one turn template does differently for each.
 */
enum TurnKind {

	/** An action called by a client or another actor. */
	ACTION(true, StateRule.KEEP),

	/** A durable scheduled action that came due. */
	SCHEDULED(true, StateRule.KEEP),

	/** A durable queue's message, consumed. */
	QUEUED(true, StateRule.KEEP),

	/** The runtime's own SQL on the queues of an instance (publishing, retries, dead letters). */
	QUEUE(true, StateRule.NONE),

	/** A lifecycle hook of an existing instance ({@code @CreateVars}, {@code @OnWake}, connect hooks, ...). */
	HOOK(true, StateRule.KEEP),

	/**
	 * {@code @CreateState} or {@code @OnCreate}: nothing is stored yet, so no SQL, and the instance's creation
	 * captures the state itself.
	 */
	CREATION(false, StateRule.NONE),

	/** {@code @OnStateChange}: after a commit; no SQL, and state changes are discarded. */
	STATE_CHANGE(false, StateRule.DISCARD);

	/** What happens to the state a turn leaves. */
	enum StateRule {

		/** Captured if the turn succeeds, restored if it fails. */
		KEEP,

		/** Left alone. */
		NONE,

		/** Discarded (with a warning) if the turn changed it. */
		DISCARD

	}

	private final boolean sql;

	private final StateRule state;

	TurnKind(boolean sql, StateRule state) {
		this.sql = sql;
		this.state = state;
	}

	/** Whether {@code ActorContext.sql()} and the actor DataSource work in this turn. */
	boolean sql() {
		return this.sql;
	}

	StateRule state() {
		return this.state;
	}

}
