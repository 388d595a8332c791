package dev.actorspring.client;

import java.lang.reflect.Proxy;
import java.util.concurrent.Executor;

import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorHandle;
import dev.actorspring.api.ActorProxy;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.ActorDefinition;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * The {@link ActorClient} over the in-process runtime.
 */
public final class DefaultActorClient implements ActorClient {

	private final ActorRuntime runtime;

	private final CallerCompletions completions;

	/**
	 * A client over the runtime.
	 * @param runtime the runtime
	 * @param callbackExecutor where the futures given to callers complete, and so where their continuations run
	 * unless they name another executor (or are attached once the future completed): it must run every task it
	 * accepts; a task it refuses runs on the thread that answered
	 */
	public DefaultActorClient(ActorRuntime runtime, Executor callbackExecutor) {
		this.runtime = runtime;
		this.completions = new CallerCompletions(callbackExecutor);
	}

	@Override
	public ActorHandle get(String actorName, String key) {
		return new RuntimeActorHandle(this.runtime, this.completions, actorName, key);
	}

	@Override
	public ActorHandle get(Class<?> actorClass, String key) {
		return get(nameOf(actorClass), key);
	}

	@Override
	public <T> T proxy(Class<T> api, String key) {
		ActorProxy proxy = AnnotatedElementUtils.findMergedAnnotation(api, ActorProxy.class);
		if (proxy == null) {
			throw new IllegalArgumentException(api.getName() + " is not annotated with @ActorProxy(\"actorName\"); "
					+ "annotate it or name the actor type with proxy(api, actorName, key)");
		}
		return proxy(api, proxy.value(), key);
	}

	@Override
	public <T> T proxy(Class<T> api, String actorName, String key) {
		if (!api.isInterface()) {
			throw new IllegalArgumentException(api.getName() + " is not an interface");
		}
		ActorDefinition definition = this.runtime.registry().find(actorName);
		if (definition == null) {
			throw new IllegalArgumentException("No actor type named '" + actorName + "' for " + api.getName());
		}
		ActorProxyHandler handler = new ActorProxyHandler(definition, api,
				new RuntimeActorHandle(this.runtime, this.completions, actorName, key));
		return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, handler));
	}

	private String nameOf(Class<?> actorClass) {
		for (ActorDefinition definition : this.runtime.registry().definitions()) {
			if (definition.beanType() == actorClass) {
				return definition.name();
			}
		}
		Actor actor = AnnotatedElementUtils.findMergedAnnotation(actorClass, Actor.class);
		if (actor == null) {
			throw new IllegalArgumentException(actorClass.getName() + " is not an @Actor");
		}
		return StringUtils.hasText(actor.value()) ? actor.value() : StringUtils.uncapitalize(actorClass.getSimpleName());
	}

}
