/**
 * The default state store: one SQLite file per actor instance under the data directory.
 */
@NullMarked
package dev.actorspring.persistence.sqlite;

import org.jspecify.annotations.NullMarked;
