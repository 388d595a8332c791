/**
 * Actor-local SQL: a {@link javax.sql.DataSource} that hands out the connection of the actor turn running on
 * the calling thread, inside that turn's transaction.
 */
@NullMarked
package dev.actorspring.runtime.sql;

import org.jspecify.annotations.NullMarked;
