package dev.actorspring.runtime.invoke;

import java.util.List;
import java.util.Optional;

import dev.actorspring.api.ActorContext;
import dev.actorspring.api.Connection;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.MethodBinding;
import dev.actorspring.runtime.definition.ParameterBinding;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Calls actions and hooks: converts JSON payloads to the declared parameter types (on the caller's thread,
 * before the call enters a mailbox) and invokes the method with the context and connection in place.
 */
public final class MethodInvoker {

	private static final Object[] NO_VALUES = {};

	private final ActorCodec codec;

	public MethodInvoker(ActorCodec codec) {
		this.codec = codec;
	}

	/**
	 * Converts the JSON arguments of an action call.
	 * @param action the action
	 * @param args a JSON array, or {@code null} for no arguments
	 * @return one value per payload parameter
	 * @throws dev.actorspring.api.ActorException {@code invalid_arguments} on a wrong count or type
	 */
	public Object[] convertArguments(ActionDefinition action, @Nullable JsonNode args) {
		MethodBinding binding = action.binding();
		int given = (args != null) ? args.size() : 0;
		if (given < binding.requiredPayloadCount() || given > binding.payloadCount()) {
			throw ActorErrors.invalidArguments("Action '" + action.name() + "' takes "
					+ expected(binding) + " argument" + ((binding.payloadCount() == 1) ? "" : "s") + ", got " + given + ".");
		}
		if (binding.payloadCount() == 0) {
			return NO_VALUES;
		}
		Object[] values = new Object[binding.payloadCount()];
		int index = 0;
		for (ParameterBinding parameter : binding.parameters()) {
			if (parameter.kind() != ParameterBinding.Kind.PAYLOAD) {
				continue;
			}
			JsonNode node = (index < given) ? args.get(index) : null;
			values[index] = (node != null) ? convert(node, parameter, "Argument " + (index + 1) + " ('"
					+ parameter.name() + "') of action '" + action.name() + "'") : Optional.empty();
			index++;
		}
		return values;
	}

	/**
	 * Converts the single payload of a hook: the create input or the connection params.
	 * @param binding the hook
	 * @param payload the JSON payload, or {@code null} if none was sent
	 * @return the values to pass
	 * @throws dev.actorspring.api.ActorException {@code invalid_params} if it cannot be converted
	 */
	public Object[] convertPayload(MethodBinding binding, @Nullable JsonNode payload) {
		if (binding.payloadCount() == 0) {
			return NO_VALUES;
		}
		ParameterBinding parameter = binding.parameters()
			.stream()
			.filter((candidate) -> candidate.kind() == ParameterBinding.Kind.PAYLOAD)
			.findFirst()
			.orElseThrow();
		JsonNode node = (payload != null) ? payload : NullNode.getInstance();
		try {
			return new Object[] { this.codec.convertArgument(node, type(parameter)) };
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidParams("The " + ((binding.method().getName())) + " payload should be "
					+ type(parameter).toCanonical() + ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * Invokes a method.
	 * @param binding the method
	 * @param context the instance's context
	 * @param connection the calling connection, if any
	 * @param payload the payload values, in order
	 * @return the method's result ({@code null} for void)
	 * @throws Throwable whatever the method throws
	 */
	public @Nullable Object invoke(MethodBinding binding, ActorContext<?> context, @Nullable Connection connection,
			Object[] payload) throws Throwable {
		List<ParameterBinding> parameters = binding.parameters();
		Object[] values = new Object[parameters.size()];
		int next = 0;
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (parameters.get(i).kind()) {
				case CONTEXT -> context;
				case CONNECTION -> connection;
				case PAYLOAD -> payload[next++];
			};
		}
		return (Object) binding.handle().invokeExact(values);
	}

	private Object convert(JsonNode node, ParameterBinding parameter, String what) {
		try {
			Object value = this.codec.convertArgument(node, type(parameter));
			return (value != null || !parameter.optional()) ? value : Optional.empty();
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidArguments(what + " should be " + simpleName(type(parameter)) + ": "
					+ ex.getOriginalMessage());
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			// numbers Jackson parsed but that do not fit the type (an infinite BigDecimal, say)
			throw ActorErrors.invalidArguments(what + " should be " + simpleName(type(parameter)) + ": " + ex.getMessage());
		}
	}

	private static JavaType type(ParameterBinding parameter) {
		JavaType type = parameter.type();
		if (type == null) {
			throw new IllegalStateException("Not a payload parameter: " + parameter.name());
		}
		return type;
	}

	private static String simpleName(JavaType type) {
		return type.toCanonical().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
	}

	private static String expected(MethodBinding binding) {
		return (binding.requiredPayloadCount() == binding.payloadCount()) ? String.valueOf(binding.payloadCount())
				: binding.requiredPayloadCount() + " to " + binding.payloadCount();
	}

}
