/**
 * What a node knows of the cluster, for the {@code actors} Actuator endpoint and the metrics: members, shards
 * here, hand-offs, take-overs and replication.
 */
@NullMarked
package dev.actorspring.cluster.view;

import org.jspecify.annotations.NullMarked;
