/**
 * How the messages that cross nodes are written: a small binary format, no Java serialization.
 */
@NullMarked
package dev.actorspring.cluster.serialization;

import org.jspecify.annotations.NullMarked;
