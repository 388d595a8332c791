package dev.actorspring.runtime.definition;

import java.time.Duration;
import java.util.Map;

import dev.actorspring.api.Supervision;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * An actor type, discovered once at startup from an {@code @Actor} bean. Immutable.
 *
 * @param name the actor type name
 * @param beanType the user class
 * @param stateType the state type, or {@code null} for an actor without state
 * @param actions the actions by name
 * @param hooks the declared lifecycle hooks
 * @param sleepTimeout the sleep timeout declared on the class, or {@code null} for the application's default
 * @param supervision what an instance does after an unexpected exception in an action
 * @param queues the durable queues by name
 */
public record ActorDefinition(String name, Class<?> beanType, @Nullable JavaType stateType,
		Map<String, ActionDefinition> actions, Map<HookType, MethodBinding> hooks, @Nullable Duration sleepTimeout,
		Supervision supervision, Map<String, QueueDefinition> queues) {

	public ActorDefinition {
		actions = Map.copyOf(actions);
		hooks = Map.copyOf(hooks);
		queues = Map.copyOf(queues);
	}

	public @Nullable QueueDefinition queue(String name) {
		return this.queues.get(name);
	}

	public @Nullable ActionDefinition action(String name) {
		return this.actions.get(name);
	}

	public @Nullable MethodBinding hook(HookType type) {
		return this.hooks.get(type);
	}

	public boolean stateful() {
		return this.stateType != null;
	}

}
