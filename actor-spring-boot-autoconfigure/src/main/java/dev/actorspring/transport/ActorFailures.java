package dev.actorspring.transport;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.error.ActorErrors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns whatever a call to the runtime failed with into the {@link ActorException} a client is shown; anything
 * unexpected is logged and shown as {@code internal_error} without details.
 */
public final class ActorFailures {

	private static final Log logger = LogFactory.getLog(ActorFailures.class);

	private ActorFailures() {
	}

	public static ActorException toActorException(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof ActorException actorException) {
			return actorException;
		}
		logger.error("Unexpected failure while serving an actor request", cause);
		return ActorErrors.internalError(cause);
	}

}
