package dev.actorspring.cluster.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PekkoConfigFactoryTests {

	@Test
	void propertiesBecomePekkoSettingsOverPekkosDefaults() {
		ActorClusterProperties properties = new ActorClusterProperties();
		properties.setHost("10.0.0.7");
		properties.setPort(2552);
		properties.setSeedNodes(List.of("10.0.0.7:2552", " 10.0.0.8:2552"));
		properties.setRoles(List.of("chat"));
		properties.setShards(30);
		properties.getSplitBrainResolver().setStableAfter(Duration.ofSeconds(7));
		properties.setAcceptableHeartbeatPause(Duration.ofSeconds(4));
		properties.setDownRemovalMargin(Duration.ofMillis(1500));
		properties.setHandOffTimeout(Duration.ofSeconds(8));
		Config config = PekkoConfigFactory.create(properties, getClass().getClassLoader());
		assertThat(config.getString("pekko.actor.provider")).isEqualTo("cluster");
		assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.0.0.7");
		assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(2552);
		assertThat(config.getStringList("pekko.cluster.seed-nodes"))
			.containsExactly("pekko://actors@10.0.0.7:2552", "pekko://actors@10.0.0.8:2552");
		assertThat(config.getStringList("pekko.cluster.roles")).containsExactly("chat");
		assertThat(config.getInt("pekko.cluster.sharding.number-of-shards")).isEqualTo(30);
		assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
		assertThat(config.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(7));
		assertThat(config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"))
			.isEqualTo(Duration.ofSeconds(4));
		assertThat(config.getDuration("pekko.cluster.down-removal-margin")).isEqualTo(Duration.ofMillis(1500));
		assertThat(config.getDuration("pekko.cluster.sharding.handoff-timeout")).isEqualTo(Duration.ofSeconds(8));
		assertThat(config.getStringList("pekko.loggers")).containsExactly("org.apache.pekko.event.slf4j.Slf4jLogger");
		assertThat(config.getString("pekko.actor.serialization-bindings.\"dev.actorspring.cluster.serialization.ClusterMessage\""))
			.isEqualTo("actor-spring");
		// the starter's tuning, under any application.conf
		assertThat(config.getInt("pekko.remote.artery.advanced.inbound-lanes")).isEqualTo(1);
		assertThat(config.getDuration("pekko.cluster.gossip-interval")).isEqualTo(Duration.ofMillis(500));
		// Pekko's own defaults are still there underneath
		assertThat(config.getString("pekko.cluster.sharding.passivation.strategy")).isNotEmpty();
	}

	@Test
	void timingsLeftAtTheirDefaultsGiveWayToAnApplicationConf(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		java.nio.file.Files.writeString(dir.resolve("application.conf"), """
				pekko.cluster.sharding.handoff-timeout = 30s
				pekko.cluster.failure-detector.acceptable-heartbeat-pause = 7s
				""");
		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			ActorClusterProperties defaults = new ActorClusterProperties();
			Config config = PekkoConfigFactory.create(defaults, loader);
			assertThat(config.getDuration("pekko.cluster.sharding.handoff-timeout")).isEqualTo(Duration.ofSeconds(30));
			assertThat(config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"))
				.isEqualTo(Duration.ofSeconds(7));
			assertThat(config.getDuration("pekko.cluster.down-removal-margin")).isEqualTo(Duration.ofMillis(500));
			assertThat(config.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(2));
			ActorClusterProperties set = new ActorClusterProperties();
			set.setHandOffTimeout(Duration.ofSeconds(12));
			assertThat(PekkoConfigFactory.create(set, loader).getDuration("pekko.cluster.sharding.handoff-timeout"))
				.isEqualTo(Duration.ofSeconds(12));
		}
	}

	@Test
	void withoutSeedNodesANodeFormsAClusterByItself() {
		ActorClusterProperties properties = new ActorClusterProperties();
		Config config = PekkoConfigFactory.create(properties, getClass().getClassLoader());
		assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly("pekko://actors@127.0.0.1:25520");
	}

}
