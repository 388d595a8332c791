package dev.actorspring.autoconfigure;

import dev.actorspring.actuate.ActorRuntimeHealthIndicator;
import dev.actorspring.actuate.ActorsEndpoint;
import dev.actorspring.runtime.ActorRuntime;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code actors} Actuator endpoint and the {@code actors} health indicator.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(ActorRuntime.class)
public final class ActorActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(ActorsEndpoint.class)
	ActorsEndpoint actorsEndpoint(ActorRuntime runtime, ActorProperties properties) {
		return new ActorsEndpoint(runtime, properties.getActionTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("actors")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "actorsHealthIndicator")
		ActorRuntimeHealthIndicator actorsHealthIndicator(ActorRuntime runtime, ActorProperties properties) {
			return new ActorRuntimeHealthIndicator(runtime, properties.getDataDir(), properties.getHealth().getMinFreeDisk());
		}

	}

}
