package dev.actorspring.runtime.definition;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * How one method parameter gets its value.
 *
 * @param kind where the value comes from
 * @param name the parameter name (compiled with {@code -parameters}) for error messages
 * @param type the target type of a payload parameter
 * @param optional whether a payload parameter is a {@code java.util.Optional} the caller may omit
 */
public record ParameterBinding(Kind kind, String name, @Nullable JavaType type, boolean optional) {

	/**
	 * The sources of parameter values.
	 */
	public enum Kind {

		/** The {@code ActorContext} of the instance. */
		CONTEXT,

		/** The calling {@code Connection}, or {@code null}. */
		CONNECTION,

		/** The next value of the payload: an action argument, the create input, the connection params. */
		PAYLOAD

	}

}
