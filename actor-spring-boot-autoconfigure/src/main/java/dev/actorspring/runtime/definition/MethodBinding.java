package dev.actorspring.runtime.definition;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A user method ready to be invoked: its handle (bound to the bean, spreading an {@code Object[]}) and how
 * each parameter is bound.
 *
 * @param method the method, for messages
 * @param handle {@code (Object[]) -> Object}, bound to the bean
 * @param parameters one binding per parameter, in declaration order
 * @param payloadCount how many parameters are {@link ParameterBinding.Kind#PAYLOAD}
 * @param requiredPayloadCount how many payload parameters a caller must pass (trailing optionals excluded)
 */
public record MethodBinding(Method method, MethodHandle handle, List<ParameterBinding> parameters, int payloadCount,
		int requiredPayloadCount) {

	public String describe() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName();
	}

}
