/**
 * The application the HTTP benchmark drives: the durable counter actor beside a no-op endpoint, a naive
 * one-SQLite-commit-per-request endpoint and the same counter in PostgreSQL, all in one process.
 */
@NullMarked
package dev.actorspring.benchmarks.http;

import org.jspecify.annotations.NullMarked;
