/**
 * Keeps each actor's SQLite file safe across nodes: every committed group is copied to one other node before it is
 * acknowledged, a new owner starts from the newest copy, and a fencing generation stops a former owner.
 */
@NullMarked
package dev.actorspring.cluster.replication;

import org.jspecify.annotations.NullMarked;
