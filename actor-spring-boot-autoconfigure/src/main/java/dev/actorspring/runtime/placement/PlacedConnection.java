package dev.actorspring.runtime.placement;

import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.instance.ClientConnection;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A connection to an instance that runs on another node: its actions and its end go to the owner.
 */
public interface PlacedConnection extends ClientConnection {

	/**
	 * Calls an action as this connection.
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @return the output as JSON, once committed on the owner
	 */
	CompletableFuture<byte[]> call(String action, @Nullable JsonNode args);

	/**
	 * The client went away: the owner runs {@code @OnDisconnect}.
	 */
	void disconnect();

}
