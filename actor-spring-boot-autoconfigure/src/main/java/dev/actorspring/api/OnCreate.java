package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run once, when an instance is first created, before its initial state is committed
 * (RivetKit {@code onCreate}). Throwing aborts the creation: nothing is written.
 *
 * <p>Signature: returns {@code void}; optional parameters {@link ActorContext} and one input parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnCreate {

}
