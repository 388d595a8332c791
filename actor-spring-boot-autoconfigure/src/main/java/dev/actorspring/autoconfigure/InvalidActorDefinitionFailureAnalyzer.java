package dev.actorspring.autoconfigure;

import dev.actorspring.runtime.definition.InvalidActorDefinitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a misdeclared {@code @Actor} at startup.
 */
class InvalidActorDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidActorDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidActorDefinitionException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the declaration of " + cause.actorClass().getName() + ". See docs/actors.md for the accepted "
						+ "signatures of actions and lifecycle hooks.",
				cause);
	}

}
