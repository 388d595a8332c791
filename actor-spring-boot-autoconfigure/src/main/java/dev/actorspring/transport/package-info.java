/**
 * What the REST and WebSocket adapters share: the error body and the mapping of failures to it.
 */
@NullMarked
package dev.actorspring.transport;

import org.jspecify.annotations.NullMarked;
