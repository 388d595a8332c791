package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook that returns the ephemeral vars of an instance on every wake (RivetKit {@code createVars}):
 * caches, loaded configuration, profiles fetched from other services. Vars are never persisted.
 *
 * <p>Signature: returns any type; optional parameter {@link ActorContext} (the state is already loaded).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CreateVars {

}
