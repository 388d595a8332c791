package dev.actorspring.runtime.definition;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One action of an actor type.
 *
 * @param name the name callers use
 * @param binding the method behind it
 * @param timeout how long its callers wait, as declared with {@code @Action(timeout = ...)}, or {@code null} for the
 * configured default
 */
public record ActionDefinition(String name, MethodBinding binding, @Nullable Duration timeout) {

	/**
	 * An action with the default timeout.
	 * @param name the name callers use
	 * @param binding the method behind it
	 */
	public ActionDefinition(String name, MethodBinding binding) {
		this(name, binding, null);
	}

}
