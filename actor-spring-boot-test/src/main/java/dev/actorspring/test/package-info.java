/**
 * {@code ActorTestKit}: unit tests of {@code @Actor} classes without HTTP or a Spring context.
 */
@NullMarked
package dev.actorspring.test;

import org.jspecify.annotations.NullMarked;
