/**
 * Micrometer meters for the actor runtime, fed by its listener SPI.
 */
@NullMarked
package dev.actorspring.metrics;

import org.jspecify.annotations.NullMarked;
