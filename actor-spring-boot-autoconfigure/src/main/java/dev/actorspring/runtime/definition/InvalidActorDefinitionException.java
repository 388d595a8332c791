package dev.actorspring.runtime.definition;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup for an {@code @Actor} class the runtime cannot run; the message names the class, the
 * method and the problem.
 */
public class InvalidActorDefinitionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Class<?> actorClass;

	private final transient @Nullable Method method;

	private final String problem;

	public InvalidActorDefinitionException(Class<?> actorClass, @Nullable Method method, String problem) {
		super("Invalid @Actor " + actorClass.getName() + ((method != null) ? ", method " + signature(method) : "")
				+ ": " + problem);
		this.actorClass = actorClass;
		this.method = method;
		this.problem = problem;
	}

	public Class<?> actorClass() {
		return this.actorClass;
	}

	public @Nullable Method method() {
		return this.method;
	}

	public String problem() {
		return this.problem;
	}

	static String signature(Method method) {
		StringBuilder text = new StringBuilder(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
