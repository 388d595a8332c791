package dev.actorspring.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.actorspring.api.Action;
import dev.actorspring.api.IdempotencyKey;
import dev.actorspring.runtime.definition.ActorDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Turns calls on a typed interface into action calls: the method name (or {@code @Action("name")}) is the
 * action; a future return type answers asynchronously, any other waits. Checked against the actor type when
 * the proxy is made, so a typo fails there and not at the first call.
 */
final class ActorProxyHandler implements InvocationHandler {

	private final RuntimeActorHandle handle;

	private final Map<Method, Target> targets = new HashMap<>();

	ActorProxyHandler(ActorDefinition definition, Class<?> api, RuntimeActorHandle handle) {
		this.handle = handle;
		for (Method method : api.getMethods()) {
			if (method.isDefault() || method.getDeclaringClass() == Object.class) {
				continue;
			}
			Action action = AnnotatedElementUtils.findMergedAnnotation(method, Action.class);
			String name = (action != null && StringUtils.hasText(action.value())) ? action.value() : method.getName();
			if (definition.action(name) == null) {
				throw new IllegalArgumentException(api.getName() + "." + method.getName() + ": actor '"
						+ definition.name() + "' has no action '" + name + "'");
			}
			boolean future = isFuture(method);
			this.targets.put(method, new Target(name, future, handle.codec().type(resultType(method, future)),
					idempotencyKeyIndex(api, method)));
		}
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "Proxy for " + this.handle;
			};
		}
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		Target target = this.targets.get(method);
		CompletableFuture<?> result;
		if (target.idempotencyKeyIndex() < 0) {
			result = this.handle.call(target.resultType(), target.action(), args);
		}
		else {
			Object[] actionArgs = new Object[args.length - 1];
			for (int i = 0, j = 0; i < args.length; i++) {
				if (i != target.idempotencyKeyIndex()) {
					actionArgs[j++] = args[i];
				}
			}
			String idempotencyKey = (String) args[target.idempotencyKeyIndex()];
			result = (idempotencyKey != null) ? this.handle.withIdempotencyKey(idempotencyKey)
				.call(target.resultType(), target.action(), actionArgs)
					: this.handle.call(target.resultType(), target.action(), actionArgs);
		}
		if (target.future()) {
			return result;
		}
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private static boolean isFuture(Method method) {
		Class<?> returnType = method.getReturnType();
		return returnType == CompletableFuture.class || returnType == CompletionStage.class;
	}

	private static Type resultType(Method method, boolean future) {
		Type type = method.getGenericReturnType();
		if (future) {
			type = (type instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[0]
					: Object.class;
		}
		return (type == void.class || type == Void.class) ? Object.class : type;
	}

	/** The index of the method's {@code @IdempotencyKey} parameter, or -1. */
	private static int idempotencyKeyIndex(Class<?> api, Method method) {
		int found = -1;
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i].isAnnotationPresent(IdempotencyKey.class)) {
				if (found >= 0 || parameters[i].getType() != String.class) {
					throw new IllegalArgumentException(api.getName() + "." + method.getName()
							+ ": at most one @IdempotencyKey parameter, of type String");
				}
				found = i;
			}
		}
		return found;
	}

	private record Target(String action, boolean future, JavaType resultType, int idempotencyKeyIndex) {
	}

}
