package dev.actorspring.autoconfigure;

import dev.actorspring.observation.ActorObservations;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of an {@code actor.turn} Observation around each action, when the application has an
 * {@link ObservationRegistry}.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "actor.observations.enabled", matchIfMissing = true)
public final class ActorObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorObservations actorObservations(ObservationRegistry observationRegistry) {
		return new ActorObservations(observationRegistry);
	}

}
