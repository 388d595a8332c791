/**
 * One Pekko sharded entity type per actor type, entity id = actor key; the entity runs requests on the local
 * runtime of the node that owns it, and puts the instance to sleep when its shard moves.
 */
@NullMarked
package dev.actorspring.cluster.sharding;

import org.jspecify.annotations.NullMarked;
