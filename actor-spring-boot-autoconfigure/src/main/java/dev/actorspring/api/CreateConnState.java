package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook that makes the state of a new WebSocket connection (RivetKit {@code createConnState}): runs after
 * {@link OnBeforeConnect} accepted the connection and before {@link OnConnect}. What it returns is
 * {@link Connection#state()} for as long as the connection is open, reachable from the connection's own actions
 * ({@code ctx.connection().state()}) and from {@code ctx.connections()}. It is never persisted: it ends with the
 * connection, and a client that reconnects gets a fresh one. Throwing (an {@link ActorException}) refuses the
 * connection as {@link OnBeforeConnect} does.
 *
 * <p>Signature: returns the connection state (any object); optional parameters {@link ActorContext} (whose
 * {@code principal()} is the handshake's principal) and one parameter converted from the connection params.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CreateConnState {

}
