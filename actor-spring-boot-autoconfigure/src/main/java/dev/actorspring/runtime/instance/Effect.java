package dev.actorspring.runtime.instance;

import org.jspecify.annotations.Nullable;

/**
 * Something a turn asked for that takes place only once the turn's state change has been committed.
 */
sealed interface Effect {

	/** An event for every subscribed connection ({@code target == null}) or for one connection. */
	record Event(String name, byte[] argsJson, @Nullable ActorConnection target) implements Effect {
	}

	/** Close a connection. */
	record Disconnect(ActorConnection connection, String reason) implements Effect {
	}

}
