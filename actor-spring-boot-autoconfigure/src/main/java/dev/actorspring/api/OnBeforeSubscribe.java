package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook that decides whether a WebSocket connection may subscribe to an event: runs on the actor's turn
 * for each {@code SubscriptionRequest} that subscribes. Return {@code false}, or throw an {@link ActorException}
 * (for example {@link ActorException#forbidden(String)}), to refuse it: the client gets an {@code Error} frame
 * ({@code auth/forbidden}, or the exception's code) and receives none of those events; the connection stays open.
 * Without this hook every subscription is accepted.
 *
 * <p>Signature: returns {@code void} or {@code boolean}; optional parameters {@link ActorContext},
 * {@link Connection} (the subscribing connection, with its params, principal and state) and one {@code String}
 * parameter, the event name.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnBeforeSubscribe {

}
