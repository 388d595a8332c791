package dev.actorspring.runtime.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.actorspring.api.ActorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns whatever a request failed with into the {@link ActorException} a client is shown: the one place that
 * unwraps the futures' wrappers. Anything unexpected is logged and shown as {@code internal_error} without
 * details.
 */
public final class ActorFailures {

	private static final Log logger = LogFactory.getLog(ActorFailures.class);

	private ActorFailures() {
	}

	/**
	 * What a failure is once the {@link CompletionException} and {@link ExecutionException} around it are removed.
	 * @param failure the failure
	 * @return its cause
	 */
	public static @Nullable Throwable unwrap(@Nullable Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The error a client is shown for a failure.
	 * @param failure the failure
	 * @return the {@link ActorException} it is, or {@code internal_error}
	 */
	public static ActorException toActorException(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof ActorException actorException) {
			return actorException;
		}
		logger.error("Unexpected failure while serving an actor request", cause);
		return ActorErrors.internalError(cause);
	}

}
