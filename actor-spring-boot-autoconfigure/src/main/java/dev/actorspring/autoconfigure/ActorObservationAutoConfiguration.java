package dev.actorspring.autoconfigure;

import dev.actorspring.observation.ActorObservations;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of an {@code actor.turn} Observation around each action, when the application has an
 * {@link ObservationRegistry}: when {@code actor.observations.enabled=true}, or, unset, when Micrometer Tracing is on
 * the class path (the observation is for traces and log correlation; without a tracer it would only duplicate the
 * {@code actor.action} timer).
 */
@AutoConfiguration(after = ActorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class ActorObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "actor.observations.enabled")
	static class Requested {

		@Bean
		@ConditionalOnMissingBean
		ActorObservations actorObservations(ObservationRegistry observationRegistry) {
			return new ActorObservations(observationRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
	@ConditionalOnProperty(name = "actor.observations.enabled", matchIfMissing = true)
	static class Traced {

		@Bean
		@ConditionalOnMissingBean
		ActorObservations actorObservations(ObservationRegistry observationRegistry) {
			return new ActorObservations(observationRegistry);
		}

	}

}
