/**
 * The seam between the runtime and where instances run: the single-node runtime runs them all here, cluster
 * mode routes each request to the node that owns the instance.
 */
@NullMarked
package dev.actorspring.runtime.placement;

import org.jspecify.annotations.NullMarked;
