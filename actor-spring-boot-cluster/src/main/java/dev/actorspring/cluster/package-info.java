/**
 * Cluster mode: the same actors on several nodes, placed by Apache Pekko Cluster Sharding.
 */
@NullMarked
package dev.actorspring.cluster;

import org.jspecify.annotations.NullMarked;
