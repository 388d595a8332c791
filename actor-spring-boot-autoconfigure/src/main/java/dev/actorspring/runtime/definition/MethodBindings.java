package dev.actorspring.runtime.definition;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.actorspring.api.ActorContext;
import dev.actorspring.api.Connection;
import dev.actorspring.codec.ActorCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Binds the parameters of an action, a queue consumer or a hook: {@link ActorContext}, {@link Connection} where it
 * is offered, and payload parameters converted from JSON, rejecting types that JSON cannot bind.
 */
final class MethodBindings {

	private final ActorCodec codec;

	MethodBindings(ActorCodec codec) {
		this.codec = codec;
	}

	MethodBinding bind(Class<?> type, Object bean, Method method, boolean acceptsConnection, int maxPayload) {
		List<ParameterBinding> parameters = new ArrayList<>();
		int payload = 0;
		int required = 0;
		for (Parameter parameter : method.getParameters()) {
			Class<?> raw = parameter.getType();
			if (raw == ActorContext.class) {
				parameters.add(new ParameterBinding(ParameterBinding.Kind.CONTEXT, parameter.getName(), null, false));
			}
			else if (raw == Connection.class) {
				if (!acceptsConnection) {
					throw new InvalidActorDefinitionException(type, method,
							"parameter '" + parameter.getName() + "': a Connection is only available to actions, @OnConnect, "
									+ "@OnBeforeSubscribe and @OnDisconnect");
				}
				parameters.add(new ParameterBinding(ParameterBinding.Kind.CONNECTION, parameter.getName(), null, false));
			}
			else {
				String problem = unbindable(parameter.getParameterizedType());
				if (problem != null) {
					throw new InvalidActorDefinitionException(type, method,
							"parameter '" + parameter.getName() + "' cannot be bound from JSON: " + problem);
				}
				boolean optional = raw == Optional.class;
				payload++;
				if (!optional) {
					required = payload;
				}
				parameters.add(new ParameterBinding(ParameterBinding.Kind.PAYLOAD, parameter.getName(),
						this.codec.type(parameter.getParameterizedType()), optional));
			}
		}
		if (payload > maxPayload) {
			throw new InvalidActorDefinitionException(type, method, "takes " + payload
					+ " value parameters but at most " + maxPayload
					+ " is allowed here (besides ActorContext" + (acceptsConnection ? " and Connection" : "") + ")");
		}
		return new MethodBinding(method, handle(bean, method, parameters.size()), List.copyOf(parameters), payload, required);
	}

	private static @Nullable String unbindable(Type type) {
		if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
			return "type variable " + type.getTypeName() + " has no concrete type";
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (argument instanceof TypeVariable<?>) {
					return "type variable " + argument.getTypeName() + " in " + type.getTypeName() + " has no concrete type";
				}
			}
			return unbindable(parameterized.getRawType());
		}
		if (type instanceof Class<?> raw && !raw.isPrimitive() && !raw.isArray()
				&& (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) && !knownAbstract(raw)
				&& !hasTypeInfo(raw)) {
			return raw.getName() + " is abstract and declares no @JsonTypeInfo or @JsonDeserialize";
		}
		return null;
	}

	/** JDK abstractions Jackson maps to concrete types: collections, maps, numbers, text, dates. */
	private static boolean knownAbstract(Class<?> raw) {
		return java.util.Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
				|| raw == Iterable.class || raw == Number.class || raw == CharSequence.class
				|| raw == java.io.Serializable.class || raw.getName().startsWith("java.time.");
	}

	private static boolean hasTypeInfo(Class<?> type) {
		for (Annotation annotation : type.getAnnotations()) {
			String name = annotation.annotationType().getSimpleName();
			if (name.equals("JsonTypeInfo") || name.equals("JsonDeserialize") || name.equals("JsonSubTypes")) {
				return true;
			}
		}
		return false;
	}

	private static MethodHandle handle(Object bean, Method method, int parameterCount) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		try {
			return MethodHandles.lookup()
				.unreflect(invocable)
				.bindTo(bean)
				.asSpreader(Object[].class, parameterCount)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException ex) {
			throw new InvalidActorDefinitionException(AopUtils.getTargetClass(bean), method, "not accessible: " + ex.getMessage());
		}
	}

}
