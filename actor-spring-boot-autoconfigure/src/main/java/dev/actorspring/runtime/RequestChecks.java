package dev.actorspring.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.listener.DeadLetters;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The checks at the runtime's door, made once per request before it reaches a placement: the runtime runs, the actor
 * type and the action exist, the key and the arguments' shape are acceptable. A refusal is counted as rejected.
 */
final class RequestChecks {

	private final ActorRegistry registry;

	private final DeadLetters deadLetters;

	private final ActorRuntimeListener listener;

	private final BooleanSupplier running;

	RequestChecks(ActorRegistry registry, DeadLetters deadLetters, ActorRuntimeListener listener,
			BooleanSupplier running) {
		this.registry = registry;
		this.deadLetters = deadLetters;
		this.listener = listener;
		this.running = running;
	}

	/** The action of a type, and arguments that are a JSON array or nothing. */
	static ActionDefinition action(ActorDefinition type, String action, @Nullable JsonNode args) {
		ActionDefinition definition = type.action(action);
		if (definition == null) {
			throw ActorErrors.actionNotFound(type.name(), action);
		}
		if (args != null && !args.isArray()) {
			throw ActorErrors.invalidArguments("The arguments must be a JSON array.");
		}
		return definition;
	}

	/** The type of an instance whose key was checked. */
	ActorDefinition instance(String name, String key) {
		ActorDefinition type = type(name);
		ActorKeys.check(key);
		return type;
	}

	/** A registered actor type, while the runtime runs. */
	ActorDefinition type(String name) {
		if (!this.running.getAsBoolean()) {
			if (this.registry.find(name) != null) {
				this.deadLetters.report(name, "", "request", DeadLetter.Reason.SHUTDOWN, "stopped");
			}
			throw ActorErrors.stopped();
		}
		ActorDefinition type = this.registry.find(name);
		if (type == null) {
			throw ActorErrors.actorTypeNotFound(ActorErrors.truncate(name));
		}
		return type;
	}

	/** Runs a request, counting it as rejected if it is refused before reaching an instance. */
	<T> T checked(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ActorException ex) {
			rejected(ex);
			throw ex;
		}
	}

	void rejected(ActorException error) {
		this.listener.requestRejected(error.code());
	}

}
