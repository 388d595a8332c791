package dev.actorspring.persistence;

/**
 * A failure to read or write actor state.
 */
public class StateStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public StateStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
