/**
 * Invocation of actions and hooks: argument conversion from JSON and method handles.
 */
@NullMarked
package dev.actorspring.runtime.invoke;

import org.jspecify.annotations.NullMarked;
