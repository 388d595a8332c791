package dev.actorspring.cluster.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as this node sees it: members and their status, the shards and entities of each actor type hosted
 * here (asked of Pekko every few seconds and cached, so that reading it never waits), and this node's
 * {@link ClusterStats}.
 */
public final class ClusterView {

	private static final Duration REFRESH = Duration.ofSeconds(5);

	private final ActorSystem<?> system;

	private final ClusterStats stats;

	private final Map<String, EntityTypeKey<?>> types = new ConcurrentHashMap<>();

	private final Map<String, int[]> hosted = new ConcurrentHashMap<>();

	public ClusterView(ActorSystem<?> system, ClusterStats stats) {
		this.system = system;
		this.stats = stats;
	}

	/**
	 * Starts following the shards of the actor types.
	 * @param byActorType the entity type of each actor type
	 */
	public void follow(Map<String, ? extends EntityTypeKey<?>> byActorType) {
		this.types.putAll(byActorType);
		this.system.scheduler().scheduleWithFixedDelay(Duration.ZERO, REFRESH, this::refresh,
				this.system.executionContext());
	}

	private void refresh() {
		ClusterSharding sharding = ClusterSharding.get(this.system);
		this.types.forEach((name, type) -> AskPattern
			.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
					sharding.shardState(), (replyTo) -> new GetShardRegionState(type, replyTo), REFRESH,
					this.system.scheduler())
			.thenAccept((state) -> {
				Set<ShardRegion.ShardState> shards = state.getShards();
				int entities = shards.stream().mapToInt((shard) -> shard.getEntityIds().size()).sum();
				this.hosted.put(name, new int[] { shards.size(), entities });
			}));
	}

	public ClusterStats stats() {
		return this.stats;
	}

	/** Members by status ({@code up}, {@code leaving}, ...), and {@code unreachable}. */
	public Map<String, Integer> memberCounts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Member member : cluster().state().getMembers()) {
			counts.merge(member.status().toString().toLowerCase(), 1, Integer::sum);
		}
		counts.put("unreachable", cluster().state().getUnreachable().size());
		return counts;
	}

	/** Shards of an actor type hosted on this node at the last refresh. */
	public int shardsHere(String actorType) {
		int[] counts = this.hosted.get(actorType);
		return (counts != null) ? counts[0] : 0;
	}

	/** What the {@code actors} endpoint shows under {@code cluster}. */
	public Map<String, Object> describe(@Nullable Address replica) {
		Cluster cluster = cluster();
		Set<Address> unreachable = cluster.state().getUnreachable().stream().map(Member::address)
			.collect(Collectors.toSet());
		List<Map<String, Object>> members = new ArrayList<>();
		for (Member member : cluster.state().getMembers()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("address", member.address().toString());
			entry.put("status", member.status().toString());
			entry.put("reachable", !unreachable.contains(member.address()));
			entry.put("roles", List.copyOf(member.getRoles()));
			members.add(entry);
		}
		Map<String, Object> shards = new LinkedHashMap<>();
		this.types.keySet().stream().sorted().forEach((name) -> {
			int[] counts = this.hosted.getOrDefault(name, new int[2]);
			shards.put(name, Map.of("shards", counts[0], "entities", counts[1]));
		});
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("self", cluster.selfMember().address().toString());
		view.put("members", members);
		view.put("hostedHere", shards);
		view.put("replicaOfThisNode", (replica != null) ? replica.toString() : null);
		view.put("handOffs", this.stats.handOffs());
		view.put("takeovers", Map.of("local", this.stats.takeovers(ClusterStats.TakeoverSource.LOCAL), "fromOwner",
				this.stats.takeovers(ClusterStats.TakeoverSource.OWNER), "fromReplica",
				this.stats.takeovers(ClusterStats.TakeoverSource.REPLICA)));
		view.put("replication", Map.of("groups", this.stats.replicatedGroups(), "fullCopies", this.stats.fullCopies(),
				"failures", this.stats.replicationFailures(), "meanMillis", this.stats.meanReplicationMillis()));
		return view;
	}

	private Cluster cluster() {
		return Cluster.get(this.system);
	}

}
