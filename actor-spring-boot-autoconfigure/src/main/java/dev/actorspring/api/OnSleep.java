package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run when an instance goes to sleep, including when the application shuts down gracefully
 * (RivetKit {@code onSleep}). Its state is already on disk; changes made here are committed too.
 *
 * <p>Signature: returns {@code void}; optional parameter {@link ActorContext}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnSleep {

}
