package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run every time an instance becomes active: after creation and after each load from disk
 * (RivetKit {@code onWake}), after {@link CreateVars}.
 *
 * <p>Signature: returns {@code void}; optional parameter {@link ActorContext}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnWake {

}
