package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run before a WebSocket connection is accepted (RivetKit {@code onBeforeConnect}). Throw an
 * {@link ActorException} (for example {@link ActorException#forbidden(String)}) or return {@code false} to
 * refuse it: the client gets an {@code Error} frame and the socket is closed with code 1008.
 *
 * <p>Signature: returns {@code void} or {@code boolean}; optional parameters {@link ActorContext} and one
 * parameter converted from the connection params.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnBeforeConnect {

}
