package dev.actorspring.cluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cluster mode ({@code actor.cluster.*}): how this node joins the others and how Pekko places actors.
 */
@ConfigurationProperties("actor.cluster")
public class ActorClusterProperties {

	/** Whether cluster mode is on; it is whenever actor-spring-boot-cluster is on the class path, unless false. */
	private boolean enabled = true;

	/** Name of the Pekko actor system: the same on every node of a cluster. */
	private String systemName = "actors";

	/** Host name or IP address the other nodes reach this one at (Pekko Artery TCP). */
	private String host = "127.0.0.1";

	/** Port of the cluster transport on this node. */
	private int port = 25520;

	/**
	 * Seed nodes as host:port; a node joins the first that answers. Empty: this node forms a cluster by itself.
	 */
	private List<String> seedNodes = new ArrayList<>();

	/** Pekko cluster roles of this node. */
	private List<String> roles = new ArrayList<>();

	/** Number of shards per actor type: about ten times the largest number of nodes planned; the same everywhere. */
	private int shards = 100;

	/** How long a request routed to another node may take, retries during a hand-off included. */
	private Duration requestTimeout = Duration.ofSeconds(10);

	/**
	 * How many nodes hold each commit before it is acknowledged: 2 (the owner and its replica; a commit that cannot
	 * get its copy is refused with 503 no_replica) or 1 (a deliberate single copy, for a one-node cluster: a crash
	 * of the owner's disk loses what it acknowledged).
	 */
	private int copies = 2;

	/**
	 * How long a node may stay silent (no heartbeat) before the others mark it unreachable: shorter detects a
	 * crash sooner, longer tolerates longer pauses (GC, an overloaded host) without downing a live node.
	 */
	private Duration acceptableHeartbeatPause = Duration.ofSeconds(2);

	/**
	 * How long after a node was removed its shards start elsewhere (Pekko's down-removal-margin): time for the
	 * downed side to stop its actors. Its commits are refused as soon as it loses its replica, so a short margin
	 * is enough.
	 */
	private Duration downRemovalMargin = Duration.ofMillis(500);

	/**
	 * How long one hand-off of a shard (rebalancing, or a node leaving) may take before it is given up and
	 * retried: the shard's entities get this less 5 s (at least 1 s) to put their actors to sleep; also the longest a
	 * shard can wait on a rebalance that its dead node will never finish.
	 */
	private Duration handOffTimeout = Duration.ofSeconds(10);

	/** The Pekko timings set by a property (not left at the default), which then win over an application.conf. */
	private final java.util.Set<String> explicit = new java.util.HashSet<>();

	private final SplitBrainResolver splitBrainResolver = new SplitBrainResolver();

	private final Tls tls = new Tls();

	public Tls getTls() {
		return this.tls;
	}

	public Duration getAcceptableHeartbeatPause() {
		return this.acceptableHeartbeatPause;
	}

	public void setAcceptableHeartbeatPause(Duration acceptableHeartbeatPause) {
		this.acceptableHeartbeatPause = acceptableHeartbeatPause;
		this.explicit.add("acceptable-heartbeat-pause");
	}

	public Duration getDownRemovalMargin() {
		return this.downRemovalMargin;
	}

	public void setDownRemovalMargin(Duration downRemovalMargin) {
		this.downRemovalMargin = downRemovalMargin;
		this.explicit.add("down-removal-margin");
	}

	/** Whether the named timing was set by a property rather than left at its default. */
	boolean isSet(String name) {
		return this.explicit.contains(name);
	}

	public Duration getHandOffTimeout() {
		return this.handOffTimeout;
	}

	public void setHandOffTimeout(Duration handOffTimeout) {
		this.handOffTimeout = handOffTimeout;
		this.explicit.add("hand-off-timeout");
	}

	public int getCopies() {
		return this.copies;
	}

	public void setCopies(int copies) {
		this.copies = copies;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getSystemName() {
		return this.systemName;
	}

	public void setSystemName(String systemName) {
		this.systemName = systemName;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public List<String> getSeedNodes() {
		return this.seedNodes;
	}

	public void setSeedNodes(List<String> seedNodes) {
		this.seedNodes = seedNodes;
	}

	public List<String> getRoles() {
		return this.roles;
	}

	public void setRoles(List<String> roles) {
		this.roles = roles;
	}

	public int getShards() {
		return this.shards;
	}

	public void setShards(int shards) {
		this.shards = shards;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public SplitBrainResolver getSplitBrainResolver() {
		return this.splitBrainResolver;
	}

	/** Pekko's Split Brain Resolver, which downs unreachable nodes so that one side of a partition goes on. */
	public static class SplitBrainResolver {

		/** keep-majority, static-quorum, keep-oldest, down-all or lease-majority. */
		private String activeStrategy = "keep-majority";

		/**
		 * How long membership must be stable before the resolver decides: with the failure detection and the
		 * removal margin, it sets how soon a crashed node's actors answer again. Raise it for clusters of more than
		 * about ten nodes, whose membership changes take longer to spread.
		 */
		private Duration stableAfter = Duration.ofSeconds(2);

		private boolean explicit;

		boolean stableAfterSet() {
			return this.explicit;
		}

		public String getActiveStrategy() {
			return this.activeStrategy;
		}

		public void setActiveStrategy(String activeStrategy) {
			this.activeStrategy = activeStrategy;
		}

		public Duration getStableAfter() {
			return this.stableAfter;
		}

		public void setStableAfter(Duration stableAfter) {
			this.stableAfter = stableAfter;
			this.explicit = true;
		}

	}

	/** TLS for the cluster transport (Pekko Artery), with mutual authentication. */
	public static class Tls {

		/**
		 * Name of a Spring SSL bundle ({@code spring.ssl.bundle.*}): when set, nodes talk over TLS; each presents the
		 * bundle's key and accepts only peers whose certificate the bundle's trust store trusts. Every node needs it.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
