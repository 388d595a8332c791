/**
 * The cluster transport's security: Pekko Artery over TLS with the keys of a Spring SSL bundle.
 */
@NullMarked
package dev.actorspring.cluster.transport;

import org.jspecify.annotations.NullMarked;
