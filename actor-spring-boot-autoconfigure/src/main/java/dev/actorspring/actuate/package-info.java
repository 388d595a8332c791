/**
 * Actuator support: the {@code actors} inspector endpoint and the runtime's health indicator.
 */
@NullMarked
package dev.actorspring.actuate;

import org.jspecify.annotations.NullMarked;
