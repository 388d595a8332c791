package dev.actorspring.runtime.error;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
	 * An answer that a caller waits for at most {@code timeout}: a copy of {@code answer} that fails with
	 * {@code action_timed_out} if it has not completed by then ({@code answer} itself is left alone, so that the
	 * turn behind it still completes it).
	 * @param <T> the answer type
	 * @param answer the answer
	 * @param timeout how long the caller waits
	 * @return the answer as the caller sees it
	 */
	public static <T> CompletableFuture<T> within(CompletableFuture<T> answer, Duration timeout) {
		if (answer.isDone()) {
			return answer;
		}
		return answer.copy()
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(
					(unwrap(failure) instanceof TimeoutException) ? ActorErrors.actionTimedOut() : failure));
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
