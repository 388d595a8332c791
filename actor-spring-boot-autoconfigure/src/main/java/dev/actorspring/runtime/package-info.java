/**
 * The transport-neutral actor runtime: the facade every transport calls ({@link ActorRuntime}), the one place that
 * wires it ({@link ActorRuntimeBuilder}), the registry of actor types and the rules for keys.
 */
@NullMarked
package dev.actorspring.runtime;

import org.jspecify.annotations.NullMarked;
