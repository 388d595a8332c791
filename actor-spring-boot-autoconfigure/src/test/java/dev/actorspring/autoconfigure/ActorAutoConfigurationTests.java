package dev.actorspring.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.data.jdbc.SqliteDialect;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.InMemoryStateStore;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.InvalidActorDefinitionException;
import dev.actorspring.runtime.sql.ActorDataSource;
import dev.actorspring.transport.websocket.ActorWebSocketHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class ActorAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ActorAutoConfiguration.class, ActorHttpAutoConfiguration.class,
				ActorWebSocketAutoConfiguration.class));

	@Test
	void registersTheRuntimeAndTheActorsItFinds() {
		this.runner.withPropertyValues("actor.data-dir=" + this.dataDir)
			.withUserConfiguration(GoodActorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ActorRuntime.class).hasSingleBean(SqliteStateStore.class);
				assertThat(context.getBean(ActorRegistry.class).find("pinger")).isNotNull();
				assertThat(context).doesNotHaveBean("actorHttpServlet");
			});
	}

	@Test
	void theActorDataSourceBecomesTheApplicationsDataSourceWithTheSqliteDialect() {
		this.runner.withConfiguration(AutoConfigurations.of(ActorSqlAutoConfiguration.class))
			.withPropertyValues("actor.data-dir=" + this.dataDir)
			.run((context) -> assertThat(context).getBean(DataSource.class).isInstanceOf(ActorDataSource.class)
				.satisfies((dataSource) -> assertThat(context.getBean(Dialect.class)).isSameAs(SqliteDialect.INSTANCE)));
	}

	@Test
	void aDataSourceOfTheApplicationIsLeftAlone() {
		this.runner.withConfiguration(AutoConfigurations.of(ActorSqlAutoConfiguration.class))
			.withPropertyValues("actor.data-dir=" + this.dataDir)
			.withBean("reportingDataSource", DataSource.class, () -> new SimpleDriverDataSource())
			.run((context) -> assertThat(context).hasSingleBean(DataSource.class)
				.doesNotHaveBean(ActorDataSource.class)
				.doesNotHaveBean(Dialect.class));
	}

	@Test
	void theActorTurnObservationIsOnlyForTracingOrWhenAskedFor() {
		ApplicationContextRunner observed = this.runner
			.withConfiguration(AutoConfigurations.of(ActorObservationAutoConfiguration.class))
			.withPropertyValues("actor.data-dir=" + this.dataDir)
			.withBean(io.micrometer.observation.ObservationRegistry.class,
					io.micrometer.observation.ObservationRegistry::create);
		observed.run((context) -> assertThat(context)
			.as("with Micrometer Tracing on the class path")
			.hasSingleBean(dev.actorspring.observation.ActorObservations.class));
		ApplicationContextRunner untraced = observed
			.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("io.micrometer.tracing"));
		untraced.run((context) -> assertThat(context)
			.doesNotHaveBean(dev.actorspring.observation.ActorObservations.class));
		untraced.withPropertyValues("actor.observations.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(dev.actorspring.observation.ActorObservations.class));
		observed.withPropertyValues("actor.observations.enabled=false")
			.run((context) -> assertThat(context)
				.doesNotHaveBean(dev.actorspring.observation.ActorObservations.class));
	}

	@Test
	void aStateStoreOfTheApplicationReplacesSqlite() {
		this.runner.withUserConfiguration(InMemoryStoreConfiguration.class)
			.run((context) -> assertThat(context).getBean(StateStore.class).isInstanceOf(InMemoryStateStore.class));
	}

	@Test
	void webAdaptersInAServletApplicationCanBeSwitchedOff() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ActorAutoConfiguration.class, ActorHttpAutoConfiguration.class,
					ActorWebSocketAutoConfiguration.class))
			.withPropertyValues("actor.data-dir=" + this.dataDir);
		web.run((context) -> assertThat(context).hasBean("actorHttpServlet")
			.hasSingleBean(ActorWebSocketHandler.class));
		web.withPropertyValues("actor.http.enabled=false", "actor.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("actorHttpServlet")
				.doesNotHaveBean(ActorWebSocketHandler.class));
	}

	@Test
	void theRivetKitGatewayIsOnByDefaultMovesAndRefusesUnsafeSettings() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ActorAutoConfiguration.class, ActorWebSocketAutoConfiguration.class,
					ActorRivetKitAutoConfiguration.class))
			.withPropertyValues("actor.data-dir=" + this.dataDir);
		web.run((context) -> assertThat(context.getBean("rivetKitGatewayServlet", ServletRegistrationBean.class)
			.getUrlMappings()).containsExactly("/rivet/*"));
		web.withPropertyValues("actor.rivetkit.base-path=/api/rivet")
			.run((context) -> assertThat(context.getBean("rivetKitGatewayServlet", ServletRegistrationBean.class)
				.getUrlMappings()).containsExactly("/api/rivet/*"));
		web.withPropertyValues("actor.rivetkit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("rivetKitGatewayServlet"));
		web.withPropertyValues("actor.rivetkit.base-path=/actors")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("actor.rivetkit.base-path"));
		for (String anyOrigin : new String[] { "*", "https://*", "*:8080" }) {
			web.withPropertyValues("actor.rivetkit.cors-allowed-origins=" + anyOrigin)
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("actor.rivetkit.cors-allowed-origins must name origins"));
		}
		web.withPropertyValues("actor.rivetkit.cors-allowed-origins=https://*.example.com")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aMisdeclaredActorFailsStartupWithAnExplanation() {
		this.runner.withPropertyValues("actor.data-dir=" + this.dataDir)
			.withUserConfiguration(BadActorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isInstanceOf(InvalidActorDefinitionException.class)
					.hasMessageContaining(BadActor.class.getName())
					.hasMessageContaining("method same(")
					.hasMessageContaining("duplicate action name 'same'");
				FailureAnalysis analysis = new InvalidActorDefinitionFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains("duplicate action name");
				assertThat(analysis.getAction()).contains(BadActor.class.getName());
			});
	}

	@Test
	void twoActorsWithOneNameFailStartup() {
		this.runner.withPropertyValues("actor.data-dir=" + this.dataDir)
			.withUserConfiguration(GoodActorConfiguration.class, ClashingActorConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("actor name 'Pinger' is already used by " + Pinger.class.getName()));
	}

	@Configuration(proxyBeanMethods = false)
	static class GoodActorConfiguration {

		@Bean
		Pinger pinger() {
			return new Pinger();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClashingActorConfiguration {

		@Bean
		OtherPinger otherPinger() {
			return new OtherPinger();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryStoreConfiguration {

		@Bean
		StateStore stateStore() {
			return new InMemoryStateStore();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadActorConfiguration {

		@Bean
		BadActor badActor() {
			return new BadActor();
		}

	}

	@Actor("pinger")
	static class Pinger {

		@Action
		public String ping() {
			return "pong";
		}

	}

	@Actor("Pinger")
	static class OtherPinger {

	}

	@Actor
	static class BadActor {

		@Action
		public void same() {
		}

		@Action("same")
		public void other() {
		}

	}

}
