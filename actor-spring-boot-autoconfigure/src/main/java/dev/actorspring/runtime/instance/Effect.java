package dev.actorspring.runtime.instance;

import org.jspecify.annotations.Nullable;

/**
 * Something a turn asked for that takes place only once the turn's state change has been committed.
 */
sealed interface Effect {

	/**
	 * Takes place, after the commit.
	 * @param connections the instance's connections
	 */
	void deliver(Connections connections);

	/**
	 * An event for every subscribed connection ({@code target == null}) or for one connection; its arguments are not
	 * encoded ({@code null}) when it was broadcast while no connection was open.
	 */
	record Event(String name, byte @Nullable [] argsJson, @Nullable ActorConnection target, long seq) implements Effect {

		@Override
		public void deliver(Connections connections) {
			connections.event(this);
		}

	}

	/** Close a connection. */
	record Disconnect(ActorConnection connection, String reason) implements Effect {

		@Override
		public void deliver(Connections connections) {
			connections.disconnect(this);
		}

	}

}
