package dev.actorspring.api;

/**
 * What an actor instance does after an action threw an unexpected exception (anything but an
 * {@link ActorException}, which is a deliberate refusal). In every case the failed action's state change,
 * schedules and events are dropped, its caller gets {@code 500 core/internal_error}, and the instance goes on
 * serving the next request.
 */
public enum Supervision {

	/** Keep the instance as it is: the state is restored to its value before the action; vars are kept. */
	RESUME,

	/**
	 * Reload the instance from its file after the failed action: {@code @CreateVars} and {@code @OnWake} run
	 * again, for actors whose vars may be left inconsistent by a failure. Connections stay open.
	 */
	RESTART

}
