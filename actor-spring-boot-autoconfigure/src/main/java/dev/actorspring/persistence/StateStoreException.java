package dev.actorspring.persistence;

import org.jspecify.annotations.Nullable;

/**
 * A failure to read or write actor state. Callers of a commit that failed get {@code 503 actor/storage_failed},
 * or, for a commit a storage refused on purpose ({@link #refused}), {@code 503} with that refusal's code, or for a
 * commit written but not confirmed ({@link #unconfirmed}), {@code 503 actor/commit_unconfirmed}.
 */
public class StateStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String code;

	private final boolean committed;

	public StateStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = null;
		this.committed = false;
	}

	private StateStoreException(@Nullable String code, String message, @Nullable Throwable cause, boolean committed) {
		super(message, cause);
		this.code = code;
		this.committed = committed;
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
		return new StateStoreException(code, message, null, false);
	}

	/**
	 * A commit that is written in the actor's own file but whose confirmation failed afterwards (in cluster mode, its
	 * copy to another node): the file keeps it, so the instance goes on from it, but whether it outlives a failure is
	 * not known. Its callers get {@code 503 actor/commit_unconfirmed}, an outcome as unknown as a timeout's.
	 * @param message what the log says (not the client)
	 * @param cause what failed
	 * @return the exception
	 */
	public static StateStoreException unconfirmed(String message, @Nullable Throwable cause) {
		return new StateStoreException(null, message, cause, true);
	}

	/**
	 * Whether the commit is written in the actor's file despite this failure ({@link #unconfirmed}).
	 * @return true if it is
	 */
	public boolean committed() {
		return this.committed;
	}

	/**
	 * The code of a refusal on purpose.
	 * @return the code, or {@code null} for a failure
	 */
	public @Nullable String code() {
		return this.code;
	}

}
