package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a Spring bean as an actor type: one lazily activated instance per key, whose {@link Action actions}
 * run one at a time and whose state is persisted in its own SQLite file.
 *
 * <p>The bean itself is a stateless singleton (it may inject other beans); per-instance state lives in the
 * runtime and is reached through the {@link ActorContext} parameter of actions and hooks.
 *
 * <p>Methods of the class may carry {@link Action}, {@link CreateState}, {@link CreateVars}, {@link OnCreate},
 * {@link OnWake}, {@link OnSleep}, {@link OnDestroy}, {@link OnStateChange}, {@link OnBeforeConnect},
 * {@link OnConnect} and {@link OnDisconnect}. Misdeclared methods fail the application at startup.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface Actor {

	/**
	 * The actor type name used in URLs, file paths and metric tags. Letters, digits, {@code _} and {@code -},
	 * starting with a letter, at most 64 characters. Defaults to the decapitalized simple class name.
	 * The bean gets the same name.
	 * @return the actor type name
	 */
	@AliasFor(annotation = Component.class)
	String value() default "";

	/**
	 * How long an instance with no request and no open connection stays awake before it goes to sleep, for
	 * example {@code "10s"} or {@code "5m"}. Defaults to the {@code actor.sleep-timeout} property.
	 * @return the sleep timeout, or empty for the default
	 */
	String sleepTimeout() default "";

	/**
	 * What the instance does after an action threw an unexpected exception.
	 * @return the supervision policy
	 */
	Supervision supervision() default Supervision.RESUME;

}
