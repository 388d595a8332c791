package dev.actorspring.cluster.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorspring.cluster.serialization.ClusterMessage;
import dev.actorspring.cluster.serialization.ClusterMessageSerializer;
import dev.actorspring.cluster.transport.TlsEngineProvider;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Pekko configuration of a node from {@code actor.cluster.*}, over Pekko's own defaults and any
 * {@code application.conf} of the application (for settings the properties do not cover).
 */
final class PekkoConfigFactory {

	private PekkoConfigFactory() {
	}

	static Config create(ActorClusterProperties properties, ClassLoader classLoader) {
		return create(properties, classLoader, null);
	}

	/**
	 * The configuration of a node.
	 * @param properties the {@code actor.cluster.*} properties
	 * @param classLoader where {@code application.conf} and Pekko's reference configuration are found
	 * @param tlsSettingsId the id of the TLS settings {@link TlsEngineProvider} secures the transport with, or
	 * {@code null} for plain TCP
	 * @return the configuration
	 */
	static Config create(ActorClusterProperties properties, ClassLoader classLoader, @Nullable String tlsSettingsId) {
		Map<String, Object> settings = new HashMap<>();
		if (tlsSettingsId != null) {
			settings.put("pekko.remote.artery.transport", "tls-tcp");
			settings.put("pekko.remote.artery.ssl.ssl-engine-provider", TlsEngineProvider.class.getName());
			settings.put(TlsEngineProvider.SETTINGS_ID, tlsSettingsId);
		}
		settings.put("pekko.actor.provider", "cluster");
		settings.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
		settings.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
		settings.put("pekko.loglevel", "DEBUG");
		settings.put("pekko.stdout-loglevel", "OFF");
		settings.put("pekko.log-dead-letters-during-shutdown", "off");
		settings.put("pekko.remote.artery.canonical.hostname", properties.getHost());
		settings.put("pekko.remote.artery.canonical.port", properties.getPort());
		List<String> seeds = properties.getSeedNodes().isEmpty()
				? List.of(properties.getHost() + ":" + properties.getPort()) : properties.getSeedNodes();
		settings.put("pekko.cluster.seed-nodes",
				seeds.stream().map((seed) -> "pekko://" + properties.getSystemName() + "@" + seed.trim()).toList());
		settings.put("pekko.cluster.roles", properties.getRoles());
		settings.put("pekko.cluster.sharding.number-of-shards", properties.getShards());
		// entities stop when their instance sleeps by the runtime's rules (ActorEntity), never because Pekko saw no
		// message for a while: an open WebSocket connection keeps an actor awake without any
		settings.put("pekko.cluster.sharding.passivation.strategy", "none");
		settings.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
		settings.put("pekko.cluster.split-brain-resolver.active-strategy",
				properties.getSplitBrainResolver().getActiveStrategy());
		// the timings below go over an application.conf only when set by a property; their defaults go under it
		Map<String, Object> tuned = new HashMap<>();
		(properties.getSplitBrainResolver().stableAfterSet() ? settings : tuned).put(
				"pekko.cluster.split-brain-resolver.stable-after",
				properties.getSplitBrainResolver().getStableAfter().toMillis() + "ms");
		(properties.isSet("acceptable-heartbeat-pause") ? settings : tuned).put(
				"pekko.cluster.failure-detector.acceptable-heartbeat-pause",
				properties.getAcceptableHeartbeatPause().toMillis() + "ms");
		(properties.isSet("down-removal-margin") ? settings : tuned).put("pekko.cluster.down-removal-margin",
				properties.getDownRemovalMargin().toMillis() + "ms");
		// a rebalance begun just before a node died waits for that node's hand-off until this timeout (Pekko's
		// RebalanceWorker learns of the region's end before it sends HandOff there): 60 s by Pekko's default, which
		// held the crashed node's shards that long. It also bounds how long a shard's entities may take to stop (this
		// less 5 s), after which Pekko stops them anyway: their commits in flight then fail, fenced by the new owner
		(properties.isSet("hand-off-timeout") ? settings : tuned).put("pekko.cluster.sharding.handoff-timeout",
				properties.getHandOffTimeout().toMillis() + "ms");
		// a cluster unstable this long after stable-after is downed as a whole (Pekko derives 4 s from a short
		// stable-after: one overloaded node could then stop every node)
		tuned.put("pekko.cluster.split-brain-resolver.down-all-when-unstable", "15s");
		settings.put("pekko.actor.serializers.actor-spring", ClusterMessageSerializer.class.getName());
		settings.put("pekko.actor.serialization-bindings.\"" + ClusterMessage.class.getName() + "\"", "actor-spring");
		// Spring's shutdown hook closes the context, whose lifecycle runs Pekko's coordinated shutdown.
		settings.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
		// Nor may Pekko's own hooks (Artery's aborts the connections) run before the shards are handed off.
		settings.put("pekko.jvm-shutdown-hooks", "off");
		settings.put("pekko.coordinated-shutdown.exit-jvm", "off");
		// under an application.conf, over Pekko's reference: the cluster's clocks at twice Pekko's pace (which checks,
		// gossips and acts once a second, and asks again for a moved shard every 2 s), so that a crashed node is seen,
		// removed and its shards found elsewhere seconds sooner; for clusters of a few nodes, the traffic is small
		tuned.put("pekko.cluster.unreachable-nodes-reaper-interval", "500ms");
		tuned.put("pekko.cluster.leader-actions-interval", "500ms");
		tuned.put("pekko.cluster.gossip-interval", "500ms");
		tuned.put("pekko.cluster.sharding.retry-interval", "500ms");
		// the shard coordinator writes its state to a majority of nodes plus three (all of them in a small cluster),
		// retrying after this timeout: a write begun while a leaving node exits waits for that node until then, and
		// the moving shards with it (a graceful leave paused actors 5.4 s with Pekko's 5 s; the retry goes to the
		// nodes that remain)
		tuned.put("pekko.cluster.sharding.updating-state-timeout", "1s");
		// and the receptionist spreads a new node's file service in half a second rather than two: until every node
		// knows it, take-overs there are refused (takeover_incomplete)
		tuned.put("pekko.cluster.typed.receptionist.distributed-data.gossip-interval", "500ms");
		// one inbound lane: one asynchronous hop less per message between nodes (Pekko's advice for latency); every
		// commit waits for one such round trip to its replica. 10-15% more replicated commits per second measured
		tuned.put("pekko.remote.artery.advanced.inbound-lanes", 1);
		return ConfigFactory.parseMap(settings)
			.withFallback(ConfigFactory.defaultOverrides(classLoader))
			.withFallback(ConfigFactory.defaultApplication(classLoader))
			.withFallback(ConfigFactory.parseMap(tuned))
			.withFallback(ConfigFactory.defaultReference(classLoader))
			.resolve();
	}

}
