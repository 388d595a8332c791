package dev.actorspring.persistence;

import org.jspecify.annotations.Nullable;

/**
 * A failure to read or write actor state.
 */
public class StateStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public StateStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
