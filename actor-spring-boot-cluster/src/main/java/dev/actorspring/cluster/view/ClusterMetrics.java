package dev.actorspring.cluster.view;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The cluster meters of a node: {@code actor.cluster.members} (by {@code status}), {@code actor.cluster.shards}
 * (hosted here, by {@code actor.type}), {@code actor.cluster.handoffs}, {@code actor.cluster.takeovers} (by
 * {@code source}), {@code actor.cluster.replication} (a timer of replicated groups),
 * {@code actor.cluster.replication.failures} and {@code actor.cluster.requests} (by {@code route}). No meter has
 * the actor key as a tag.
 */
public final class ClusterMetrics implements MeterBinder {

	private static final List<String> STATUSES = List.of("joining", "weaklyup", "up", "leaving", "exiting", "down",
			"unreachable");

	private final ClusterView view;

	private final List<String> actorTypes;

	public ClusterMetrics(ClusterView view, List<String> actorTypes) {
		this.view = view;
		this.actorTypes = actorTypes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String status : STATUSES) {
			Gauge.builder("actor.cluster.members", this.view, (view) -> view.memberCounts().getOrDefault(status, 0))
				.tag("status", status)
				.description("Cluster members as this node sees them")
				.register(registry);
		}
		for (String type : this.actorTypes) {
			Gauge.builder("actor.cluster.shards", this.view, (view) -> view.shardsHere(type))
				.tag("actor.type", type)
				.description("Shards of the actor type hosted on this node")
				.register(registry);
		}
		ClusterStats stats = this.view.stats();
		FunctionCounter.builder("actor.cluster.handoffs", stats, ClusterStats::handOffs)
			.description("Entities stopped on this node because their shard moved or they were passivated")
			.register(registry);
		for (ClusterStats.TakeoverSource source : ClusterStats.TakeoverSource.values()) {
			FunctionCounter.builder("actor.cluster.takeovers", stats, (counts) -> counts.takeovers(source))
				.tag("source", source.name().toLowerCase())
				.description("Entities started on this node, by where their newest file was")
				.register(registry);
		}
		for (ClusterStats.Route route : ClusterStats.Route.values()) {
			FunctionCounter.builder("actor.cluster.requests", stats, (counts) -> counts.requests(route))
				.tag("route", route.name().toLowerCase())
				.description("Requests made on this node, by how they reached their actor: local (its entity runs here, "
						+ "straight to the mailbox) or sharding (Pekko's ask, to another node or to an entity not "
						+ "running yet)")
				.register(registry);
		}
		FunctionTimer.builder("actor.cluster.replication", stats, ClusterStats::replicatedGroups,
				ClusterStats::totalReplicationSeconds, TimeUnit.SECONDS)
			.description("Committed groups copied to the replica before they were acknowledged")
			.register(registry);
		FunctionCounter.builder("actor.cluster.replication.failures", stats, ClusterStats::replicationFailures)
			.description("Commits whose copy to the replica failed (their callers got commit_unconfirmed)")
			.register(registry);
	}

}
