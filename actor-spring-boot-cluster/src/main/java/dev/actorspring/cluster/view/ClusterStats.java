package dev.actorspring.cluster.view;

import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counts of cluster events since it started: hand-offs (entities Pekko stopped here because their
 * shard moved or they were passivated), take-overs (entities that started here, by where their file came from),
 * and replicated groups with their round-trip time.
 */
public final class ClusterStats {

	/** Where a starting entity's file came from. */
	public enum TakeoverSource {

		/** This node's own copy was the newest. */
		LOCAL,
		/** Fetched from the node that owned the actor before (graceful hand-off). */
		OWNER,
		/** Fetched from a replica (the former owner was lost or is leaving). */
		REPLICA

	}

	private final LongAdder handOffs = new LongAdder();

	private final LongAdder[] takeovers = { new LongAdder(), new LongAdder(), new LongAdder() };

	private final LongAdder replicatedGroups = new LongAdder();

	private final LongAdder fullCopies = new LongAdder();

	private final LongAdder replicationNanos = new LongAdder();

	private final LongAdder replicationFailures = new LongAdder();

	private final LongAdder[] routed = { new LongAdder(), new LongAdder() };

	/** How a request made on this node reached its actor. */
	public enum Route {

		/** This node's entity runs the actor: straight to its mailbox, without Pekko. */
		LOCAL,
		/** Through Pekko Cluster Sharding's ask (the actor runs on another node, or is not running here yet). */
		SHARDING

	}

	public void handedOff() {
		this.handOffs.increment();
	}

	public void tookOver(TakeoverSource source) {
		this.takeovers[source.ordinal()].increment();
	}

	public void replicated(boolean full, long nanos) {
		this.replicatedGroups.increment();
		if (full) {
			this.fullCopies.increment();
		}
		this.replicationNanos.add(nanos);
	}

	public void routed(Route route) {
		this.routed[route.ordinal()].increment();
	}

	public long requests(Route route) {
		return this.routed[route.ordinal()].sum();
	}

	public void replicationFailed() {
		this.replicationFailures.increment();
	}

	public long handOffs() {
		return this.handOffs.sum();
	}

	public long takeovers(TakeoverSource source) {
		return this.takeovers[source.ordinal()].sum();
	}

	public long replicatedGroups() {
		return this.replicatedGroups.sum();
	}

	public long fullCopies() {
		return this.fullCopies.sum();
	}

	public long replicationFailures() {
		return this.replicationFailures.sum();
	}

	/** Mean round trip of a replicated group in milliseconds, 0 if none. */
	public double meanReplicationMillis() {
		long groups = this.replicatedGroups.sum();
		return (groups == 0) ? 0 : this.replicationNanos.sum() / 1e6 / groups;
	}

	public double totalReplicationSeconds() {
		return this.replicationNanos.sum() / 1e9;
	}

}
