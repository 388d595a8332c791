/**
 * Spring Boot auto-configuration of cluster mode and its {@code actor.cluster.*} properties.
 */
@NullMarked
package dev.actorspring.cluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
