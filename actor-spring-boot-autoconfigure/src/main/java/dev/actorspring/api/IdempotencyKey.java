package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code String} parameter of a proxy method ({@link ActorClient#proxy(Class, String)}) that carries the
 * call's idempotency key instead of an argument of the action; {@code null} calls without a key. See
 * {@link ActorHandle#withIdempotencyKey(String)} for what the key does.
 *
 * <pre>{@code
 * @ActorProxy("account")
 * interface AccountApi {
 *     long deposit(@IdempotencyKey String requestId, long amount);
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotencyKey {

}
