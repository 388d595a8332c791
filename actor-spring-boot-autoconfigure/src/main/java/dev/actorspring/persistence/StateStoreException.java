package dev.actorspring.persistence;

import org.jspecify.annotations.Nullable;

/**
 * A failure to read or write actor state. Callers of a commit that failed get {@code 503 actor/storage_failed},
 * or, for a commit a storage refused on purpose ({@link #refused}), {@code 503} with that refusal's code.
 */
public class StateStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String code;

	public StateStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = null;
	}

	private StateStoreException(String code, String message) {
		super(message, null);
		this.code = code;
	}

	/**
	 * A commit refused on purpose, before anything was written, that the caller may send again later: its callers
	 * get {@code 503} with {@code code} and {@code message} (so the message must not reveal what a client should not
	 * see).
	 * @param code the error code, in the {@code actor} group
	 * @param message what the client is told
	 * @return the exception
	 */
	public static StateStoreException refused(String code, String message) {
		return new StateStoreException(code, message);
	}

	/**
	 * The code of a refusal on purpose.
	 * @return the code, or {@code null} for a failure
	 */
	public @Nullable String code() {
		return this.code;
	}

}
