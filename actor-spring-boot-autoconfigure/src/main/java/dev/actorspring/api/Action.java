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

}
