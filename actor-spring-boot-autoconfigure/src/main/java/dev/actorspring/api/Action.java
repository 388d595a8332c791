package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of an {@link Actor} as an action callable over REST, WebSocket and in process.
 *
 * <p>Accepted parameters, in any order: {@link ActorContext} (this instance), {@link Connection} (the calling
 * WebSocket connection, {@code null} for REST calls), and any number of payload parameters bound by position
 * from the JSON argument array and converted to their declared types (primitives, strings, records, POJOs,
 * enums, collections with generics, {@code Optional}; a trailing {@code Optional} may be omitted by the
 * caller). Any Jackson-serializable return type is accepted; {@code void} answers {@code null}.
 *
 * <p>An action is one turn: it runs alone on its instance, and its state change is committed to the
 * instance's SQLite file before its caller gets the answer. If it throws, the state is restored and nothing
 * is written.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Action {

	/**
	 * The action name used by callers. Defaults to the method name.
	 * @return the action name
	 */
	String value() default "";

	/**
	 * How long a caller waits for this action's answer, overriding {@code actor.action-timeout} for it: a
	 * duration such as {@code "500ms"}, {@code "5s"}, {@code "2m"} or {@code "PT5S"}. A REST caller then gets
	 * {@code 408 actor/action_timed_out}, a WebSocket caller an {@code Error} frame with that code, an
	 * {@link ActorClient} caller a future failed with it. The turn is not interrupted: it goes on, and what it
	 * changes is committed as usual (send the call with an idempotency key to retry it safely). Empty, the
	 * default, means {@code actor.action-timeout}.
	 * @return the timeout, or empty for the configured default
	 */
	String timeout() default "";

}
