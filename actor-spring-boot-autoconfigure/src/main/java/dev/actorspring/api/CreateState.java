package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifecycle hook that returns the initial state of a new instance (RivetKit {@code createState}).
 *
 * <p>Signature: returns the state type; parameters, all optional: {@link ActorContext} and one input parameter
 * converted from the create input ({@code null} when the instance is created implicitly by a call). Without
 * this hook the state type's no-arg constructor is used. The return type fixes the state type.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CreateState {

}
