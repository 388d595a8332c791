/**
 * Immutable models of actor types (actions, hooks, parameter bindings), built and validated once at startup.
 */
@NullMarked
package dev.actorspring.runtime.definition;

import org.jspecify.annotations.NullMarked;
