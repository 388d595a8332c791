/**
 * Spring Boot auto-configuration of the actor runtime and its adapters; it only wires.
 */
@NullMarked
package dev.actorspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
