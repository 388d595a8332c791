/**
 * What applications import to write actors: {@code @Actor}, {@code @Action}, the lifecycle hooks, {@code ActorContext}.
 */
@NullMarked
package dev.actorspring.api;

import org.jspecify.annotations.NullMarked;
