package dev.actorspring.runtime;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.InvalidActorDefinitionException;
import org.jspecify.annotations.Nullable;

/**
 * The actor types of the application, registered once at startup.
 */
public final class ActorRegistry {

	private final Map<String, ActorDefinition> definitions = new ConcurrentHashMap<>();

	private final Map<String, ActorDefinition> byFolderName = new ConcurrentHashMap<>();

	/**
	 * Registers an actor type.
	 * @param definition the actor type
	 * @throws InvalidActorDefinitionException if another type has the same name (ignoring case, since the
	 * name is also a directory name)
	 */
	public synchronized void register(ActorDefinition definition) {
		ActorDefinition existing = this.byFolderName.get(definition.name().toLowerCase(Locale.ROOT));
		if (existing != null) {
			throw new InvalidActorDefinitionException(definition.beanType(), null, "actor name '" + definition.name()
					+ "' is already used by " + existing.beanType().getName()
					+ " (names must differ in more than letter case); set another name with @Actor(\"...\")");
		}
		this.byFolderName.put(definition.name().toLowerCase(Locale.ROOT), definition);
		this.definitions.put(definition.name(), definition);
	}

	public @Nullable ActorDefinition find(String name) {
		return this.definitions.get(name);
	}

	public Collection<ActorDefinition> definitions() {
		return this.definitions.values();
	}

}
