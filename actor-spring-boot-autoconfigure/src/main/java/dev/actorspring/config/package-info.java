/**
 * Spring Framework glue usable without Boot: discovery of {@code @Actor} beans and the runtime's lifecycle.
 */
@NullMarked
package dev.actorspring.config;

import org.jspecify.annotations.NullMarked;
