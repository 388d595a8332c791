package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the actor type an interface stands for, for {@link ActorClient#proxy(Class, String)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ActorProxy {

	/**
	 * The actor type name.
	 * @return the name
	 */
	String value();

}
