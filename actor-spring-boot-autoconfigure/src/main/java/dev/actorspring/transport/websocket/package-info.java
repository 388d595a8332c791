/**
 * The WebSocket adapter over the runtime, in RivetKit's JSON frame envelope.
 */
@NullMarked
package dev.actorspring.transport.websocket;

import org.jspecify.annotations.NullMarked;
