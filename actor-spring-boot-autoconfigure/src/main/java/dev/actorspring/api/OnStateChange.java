package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run after a state change has been committed and before the callers of the committed actions
 * get their answers (RivetKit {@code onStateChange}). Changes
 * committed together in one group commit are reported once, with the newest state. Exceptions are logged.
 *
 * <p>Signature: returns {@code void}; optional parameters {@link ActorContext} and the new state.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnStateChange {

}
