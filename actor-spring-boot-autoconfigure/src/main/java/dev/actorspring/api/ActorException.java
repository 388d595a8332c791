package dev.actorspring.api;

import org.jspecify.annotations.Nullable;

/**
 * An error with a stable code that callers see as it is: over REST as
 * {@code {"group": ..., "code": ..., "message": ...}} with {@link #status()}, over WebSocket as an
 * {@code Error} frame. Throw it from an action or hook to refuse a request on purpose; the turn's state change
 * is rolled back as for any exception.
 */
public class ActorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String group;

	private final String code;

	private final int status;

	/**
	 * Creates an application error in group {@code user} with status 400.
	 * @param code a stable machine-readable code, for example {@code room_full}
	 * @param message a human-readable message shown to the caller
	 */
	public ActorException(String code, String message) {
		this("user", code, message, 400, null);
	}

	/**
	 * Creates an application error in group {@code user}.
	 * @param code a stable machine-readable code
	 * @param message a human-readable message shown to the caller
	 * @param status the HTTP status to answer with (4xx for caller mistakes)
	 */
	public ActorException(String code, String message, int status) {
		this("user", code, message, status, null);
	}

	/**
	 * Creates an error in any group.
	 * @param group the error group ({@code user} for application errors)
	 * @param code a stable machine-readable code
	 * @param message a human-readable message shown to the caller
	 * @param status the HTTP status to answer with
	 * @param cause the cause, logged but never shown to callers
	 */
	public ActorException(String group, String code, String message, int status, @Nullable Throwable cause) {
		super(message, cause);
		this.group = group;
		this.code = code;
		this.status = status;
	}

	/**
	 * An application error that answers 403 with code {@code forbidden}.
	 * @param message the message shown to the caller
	 * @return the exception
	 */
	public static ActorException forbidden(String message) {
		return new ActorException("auth", "forbidden", message, 403, null);
	}

	/**
	 * The error group, for example {@code user}, {@code actor}, {@code request}.
	 * @return the group
	 */
	public String group() {
		return this.group;
	}

	/**
	 * The stable error code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The HTTP status this error maps to.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

}
