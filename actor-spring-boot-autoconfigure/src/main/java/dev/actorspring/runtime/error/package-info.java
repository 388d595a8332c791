/**
 * The runtime's error catalogue: every error a caller can see, with its stable group, code and status.
 */
@NullMarked
package dev.actorspring.runtime.error;

import org.jspecify.annotations.NullMarked;
