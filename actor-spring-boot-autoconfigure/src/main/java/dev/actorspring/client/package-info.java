/**
 * The in-process {@code ActorClient}: handles, typed proxies and fire-and-forget calls over the runtime.
 */
@NullMarked
package dev.actorspring.client;

import org.jspecify.annotations.NullMarked;
