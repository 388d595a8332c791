/**
 * The transport-neutral actor runtime: the registry of actor types and the facade every transport calls.
 */
@NullMarked
package dev.actorspring.runtime;

import org.jspecify.annotations.NullMarked;
