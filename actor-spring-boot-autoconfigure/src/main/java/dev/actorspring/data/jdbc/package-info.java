/**
 * Spring Data JDBC on the actors' own SQLite databases: the SQLite dialect.
 */
@NullMarked
package dev.actorspring.data.jdbc;

import org.jspecify.annotations.NullMarked;
