/**
 * Micrometer Observation around actions, for tracing and log correlation.
 */
@NullMarked
package dev.actorspring.observation;

import org.jspecify.annotations.NullMarked;
