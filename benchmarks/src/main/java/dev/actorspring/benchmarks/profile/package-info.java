/**
 * Reads the JFR recordings that run-http.sh takes under load and prints where the server's CPU samples go.
 */
@NullMarked
package dev.actorspring.benchmarks.profile;

import org.jspecify.annotations.NullMarked;
