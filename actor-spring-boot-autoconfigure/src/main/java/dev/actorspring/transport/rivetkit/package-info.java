/**
 * The RivetKit gateway: RivetKit's official client ({@code rivetkit/client}, {@code @rivetkit/react}) talks to the
 * actors through it, unchanged, under {@code actor.rivetkit.base-path} ({@code /rivet}): {@code GET /metadata},
 * actions by name and key or by actor id, the management API ({@code /actors}), the WebSocket connect with
 * subprotocol {@code rivet}, in the json, bare and cbor encodings, with RivetKit's {@code $} escaping and error codes.
 * A thin adapter over {@code ActorRuntime}, like the REST and WebSocket adapters.
 */
@NullMarked
package dev.actorspring.transport.rivetkit;

import org.jspecify.annotations.NullMarked;
