/**
 * The seam between the runtime's facade and where instances run: the {@link ActorPlacement} SPI (local on one
 * node, Pekko Cluster Sharding in cluster mode) and the values that cross it.
 */
@NullMarked
package dev.actorspring.runtime.placement;

import org.jspecify.annotations.NullMarked;
