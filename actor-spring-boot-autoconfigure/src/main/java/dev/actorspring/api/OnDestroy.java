package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook run when an instance is destroyed, before its file is removed (RivetKit {@code onDestroy}).
 *
 * <p>Signature: returns {@code void}; optional parameter {@link ActorContext}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDestroy {

}
