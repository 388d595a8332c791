package dev.actorspring.runtime.definition;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.QueueConsumer;
import dev.actorspring.codec.ActorCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Turns an {@code @Actor} bean into an {@link ActorDefinition}, rejecting every declaration the runtime could
 * not run with an {@link InvalidActorDefinitionException} that names the class, the method and the problem.
 */
public final class ActorDefinitionFactory {

	/** Actor type names: used in URLs, directory names and metric tags. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

	private final ActorCodec codec;

	private final MethodBindings bindings;

	public ActorDefinitionFactory(ActorCodec codec) {
		this.codec = codec;
		this.bindings = new MethodBindings(codec);
	}

	/**
	 * Builds the definition of an actor bean.
	 * @param bean the bean, possibly an AOP proxy
	 * @return the definition
	 * @throws InvalidActorDefinitionException if the class is misdeclared
	 */
	public ActorDefinition create(Object bean) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Actor actor = AnnotatedElementUtils.findMergedAnnotation(type, Actor.class);
		if (actor == null) {
			throw new InvalidActorDefinitionException(type, null, "the class is not annotated with @Actor");
		}
		String name = StringUtils.hasText(actor.value()) ? actor.value() : StringUtils.uncapitalize(type.getSimpleName());
		if (!NAME.matcher(name).matches()) {
			throw new InvalidActorDefinitionException(type, null, "actor name '" + name
					+ "' must start with a letter and contain only letters, digits, '_' and '-' (at most 64)");
		}
		Map<String, ActionDefinition> actions = new LinkedHashMap<>();
		Map<HookType, MethodBinding> hooks = new EnumMap<>(HookType.class);
		Map<String, QueueDefinition> queues = new LinkedHashMap<>();
		Map<Method, Set<Class<? extends Annotation>>> annotated = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<Set<Class<? extends Annotation>>>) ActorDefinitionFactory::annotations);
		for (Map.Entry<Method, Set<Class<? extends Annotation>>> entry : annotated.entrySet()) {
			Method method = entry.getKey();
			if (entry.getValue().size() > 1) {
				throw new InvalidActorDefinitionException(type, method,
						"a method may carry only one of @Action, @QueueConsumer and the hook annotations, found " + entry.getValue());
			}
			checkInvocable(type, method);
			Class<? extends Annotation> annotation = entry.getValue().iterator().next();
			if (annotation == Action.class) {
				addAction(type, bean, method, actions);
			}
			else if (annotation == QueueConsumer.class) {
				addQueue(type, bean, method, queues);
			}
			else {
				addHook(type, bean, method, hookFor(annotation), hooks);
			}
		}
		JavaType stateType = stateType(type, actions, hooks);
		if (stateType != null) {
			checkState(type, stateType, hooks);
		}
		return new ActorDefinition(name, type, stateType, actions, hooks, sleepTimeout(type, actor),
				actor.supervision(), queues);
	}

	private static @Nullable Duration sleepTimeout(Class<?> type, Actor actor) {
		if (!StringUtils.hasText(actor.sleepTimeout())) {
			return null;
		}
		try {
			return positive(actor.sleepTimeout());
		}
		catch (RuntimeException ex) {
			throw new InvalidActorDefinitionException(type, null, "sleepTimeout '" + actor.sleepTimeout()
					+ "' is not a positive duration such as \"30s\" or \"5m\"");
		}
	}

	private static @Nullable Duration actionTimeout(Class<?> type, Method method, @Nullable Action action) {
		if (action == null || !StringUtils.hasText(action.timeout())) {
			return null;
		}
		try {
			return positive(action.timeout());
		}
		catch (RuntimeException ex) {
			throw new InvalidActorDefinitionException(type, method, "timeout '" + action.timeout()
					+ "' is not a positive duration such as \"500ms\", \"5s\" or \"PT5S\"");
		}
	}

	private static Duration positive(String duration) {
		Duration parsed = DurationFormatterUtils.detectAndParse(duration.trim());
		if (parsed.isNegative() || parsed.isZero()) {
			throw new IllegalArgumentException("must be positive");
		}
		return parsed;
	}

	private static @Nullable Set<Class<? extends Annotation>> annotations(Method method) {
		Set<Class<? extends Annotation>> found = new LinkedHashSet<>();
		if (AnnotatedElementUtils.hasAnnotation(method, Action.class)) {
			found.add(Action.class);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, QueueConsumer.class)) {
			found.add(QueueConsumer.class);
		}
		for (HookType hook : HookType.values()) {
			if (AnnotatedElementUtils.hasAnnotation(method, hook.annotation())) {
				found.add(hook.annotation());
			}
		}
		return found.isEmpty() ? null : found;
	}

	private static HookType hookFor(Class<? extends Annotation> annotation) {
		for (HookType hook : HookType.values()) {
			if (hook.annotation() == annotation) {
				return hook;
			}
		}
		throw new IllegalArgumentException(annotation.getName());
	}

	private static void checkInvocable(Class<?> type, Method method) {
		if (Modifier.isStatic(method.getModifiers())) {
			throw new InvalidActorDefinitionException(type, method, "actions and hooks must not be static");
		}
		if (!Modifier.isPublic(method.getModifiers())) {
			throw new InvalidActorDefinitionException(type, method, "actions and hooks must be public");
		}
	}

	private void addAction(Class<?> type, Object bean, Method method, Map<String, ActionDefinition> actions) {
		Action action = AnnotatedElementUtils.findMergedAnnotation(method, Action.class);
		String name = (action != null && StringUtils.hasText(action.value())) ? action.value() : method.getName();
		if (!ACTION_NAME.matcher(name).matches()) {
			throw new InvalidActorDefinitionException(type, method, "action name '" + name
					+ "' must start with a letter or '_' and contain only letters, digits, '_', '.' and '-'");
		}
		ActionDefinition existing = actions.get(name);
		if (existing != null) {
			throw new InvalidActorDefinitionException(type, method, "duplicate action name '" + name
					+ "', also used by " + InvalidActorDefinitionException.signature(existing.binding().method())
					+ "; give one of them another name with @Action(\"...\")");
		}
		actions.put(name, new ActionDefinition(name, this.bindings.bind(type, bean, method, true, Integer.MAX_VALUE),
				actionTimeout(type, method, action)));
	}

	private void addQueue(Class<?> type, Object bean, Method method, Map<String, QueueDefinition> queues) {
		QueueConsumer queue = AnnotatedElementUtils.findMergedAnnotation(method, QueueConsumer.class);
		String name = (queue != null && StringUtils.hasText(queue.value())) ? queue.value() : method.getName();
		if (queue == null || !ACTION_NAME.matcher(name).matches() || queues.containsKey(name)) {
			throw new InvalidActorDefinitionException(type, method, "queue name '" + name + "' is taken or invalid: "
					+ "it must be unique and start with a letter or '_', then letters, digits, '_', '.' and '-'");
		}
		if (queue.capacity() < 1 || queue.maxAttempts() < 1) {
			throw new InvalidActorDefinitionException(type, method, "a queue's capacity and maxAttempts must be at "
					+ "least 1, not " + queue.capacity() + " and " + queue.maxAttempts());
		}
		Duration backoff;
		try {
			backoff = positive(queue.backoff());
		}
		catch (RuntimeException ex) {
			throw new InvalidActorDefinitionException(type, method, "backoff '" + queue.backoff()
					+ "' is not a positive duration such as \"500ms\" or \"1s\"");
		}
		queues.put(name, new QueueDefinition(name, this.bindings.bind(type, bean, method, false, 1), queue.capacity(),
				queue.maxAttempts(), backoff));
	}

	private void addHook(Class<?> type, Object bean, Method method, HookType hook, Map<HookType, MethodBinding> hooks) {
		MethodBinding existing = hooks.get(hook);
		if (existing != null) {
			throw new InvalidActorDefinitionException(type, method, "duplicate " + hook.displayName()
					+ " hook, also declared by " + InvalidActorDefinitionException.signature(existing.method()));
		}
		Class<?> returnType = method.getReturnType();
		boolean returnsValue = returnType != void.class;
		switch (hook) {
			case CREATE_STATE, CREATE_VARS, CREATE_CONN_STATE -> {
				if (!returnsValue) {
					throw new InvalidActorDefinitionException(type, method, hook.displayName() + " must return the "
							+ switch (hook) {
								case CREATE_STATE -> "state";
								case CREATE_VARS -> "vars";
								default -> "connection state";
							});
				}
			}
			case ON_BEFORE_CONNECT, ON_BEFORE_SUBSCRIBE -> {
				if (returnsValue && returnType != boolean.class && returnType != Boolean.class) {
					throw new InvalidActorDefinitionException(type, method, hook.displayName()
							+ " must return void or boolean (false refuses the "
							+ ((hook == HookType.ON_BEFORE_CONNECT) ? "connection)" : "subscription)"));
				}
			}
			default -> {
				if (returnsValue) {
					throw new InvalidActorDefinitionException(type, method, hook.displayName() + " must return void");
				}
			}
		}
		hooks.put(hook, this.bindings.bind(type, bean, method, hook.acceptsConnection(), hook.maxPayloadParameters()));
	}

	private @Nullable JavaType stateType(Class<?> type, Map<String, ActionDefinition> actions,
			Map<HookType, MethodBinding> hooks) {
		JavaType found = null;
		Method foundIn = null;
		MethodBinding createState = hooks.get(HookType.CREATE_STATE);
		if (createState != null) {
			found = this.codec.type(createState.method().getGenericReturnType());
			foundIn = createState.method();
		}
		List<MethodBinding> bindings = new ArrayList<>(hooks.values());
		actions.values().forEach((action) -> bindings.add(action.binding()));
		for (MethodBinding binding : bindings) {
			for (Parameter parameter : binding.method().getParameters()) {
				if (parameter.getType() != ActorContext.class
						|| !(parameter.getParameterizedType() instanceof ParameterizedType parameterized)) {
					continue;
				}
				Type argument = parameterized.getActualTypeArguments()[0];
				if (argument instanceof TypeVariable<?> || argument instanceof WildcardType || argument == Void.class
						|| argument == Object.class) {
					continue;
				}
				JavaType candidate = this.codec.type(argument);
				if (found == null) {
					found = candidate;
					foundIn = binding.method();
				}
				else if (!found.equals(candidate)) {
					throw new InvalidActorDefinitionException(type, binding.method(), "uses ActorContext<"
							+ argument.getTypeName() + "> but " + InvalidActorDefinitionException.signature(foundIn)
							+ " says the state type is " + found.toCanonical());
				}
			}
		}
		return found;
	}

	private void checkState(Class<?> type, JavaType stateType, Map<HookType, MethodBinding> hooks) {
		if (hooks.containsKey(HookType.CREATE_STATE)) {
			return;
		}
		Class<?> raw = stateType.getRawClass();
		Object initial;
		try {
			Constructor<?> constructor = raw.getDeclaredConstructor();
			ReflectionUtils.makeAccessible(constructor);
			if (Modifier.isAbstract(raw.getModifiers())) {
				throw new NoSuchMethodException();
			}
			initial = constructor.newInstance();
		}
		catch (NoSuchMethodException ex) {
			throw new InvalidActorDefinitionException(type, null, "state type " + stateType.toCanonical()
					+ " has no no-arg constructor: declare a @CreateState method that returns the initial state");
		}
		catch (ReflectiveOperationException ex) {
			throw new InvalidActorDefinitionException(type, null,
					"state type " + stateType.toCanonical() + " could not be instantiated: " + ex);
		}
		try {
			this.codec.decode(this.codec.encode(initial), stateType);
		}
		catch (RuntimeException ex) {
			throw new InvalidActorDefinitionException(type, null, "state type " + stateType.toCanonical()
					+ " cannot be stored as JSON: " + ex.getMessage());
		}
	}

	/**
	 * Creates the initial state with the state type's no-arg constructor.
	 * @param definition the actor type
	 * @return a new state
	 */
	public static Object newState(ActorDefinition definition) {
		JavaType stateType = definition.stateType();
		if (stateType == null) {
			throw new IllegalStateException("Actor " + definition.name() + " has no state");
		}
		try {
			Constructor<?> constructor = stateType.getRawClass().getDeclaredConstructor();
			ReflectionUtils.makeAccessible(constructor);
			return constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create the state of actor " + definition.name(), ex);
		}
	}

}
