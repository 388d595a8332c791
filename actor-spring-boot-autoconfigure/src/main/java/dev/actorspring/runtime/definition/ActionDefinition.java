package dev.actorspring.runtime.definition;

/**
 * One action of an actor type.
 *
 * @param name the name callers use
 * @param binding the method behind it
 */
public record ActionDefinition(String name, MethodBinding binding) {
}
