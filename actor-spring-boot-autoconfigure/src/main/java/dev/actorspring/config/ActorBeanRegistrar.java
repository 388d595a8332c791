package dev.actorspring.config;

import java.util.Map;

import dev.actorspring.api.Actor;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.definition.ActorDefinitionFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Discovers the {@code @Actor} beans once all singletons exist and registers their definitions, so that a
 * misdeclared actor fails the application at startup. Running after the singletons are created lets actors
 * inject beans that themselves use the runtime.
 */
public final class ActorBeanRegistrar implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final ActorRegistry registry;

	private final ActorDefinitionFactory definitionFactory;

	public ActorBeanRegistrar(ListableBeanFactory beanFactory, ActorRegistry registry,
			ActorDefinitionFactory definitionFactory) {
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.definitionFactory = definitionFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, Object> actors = this.beanFactory.getBeansWithAnnotation(Actor.class);
		for (Object bean : actors.values()) {
			this.registry.register(this.definitionFactory.create(bean));
		}
	}

}
