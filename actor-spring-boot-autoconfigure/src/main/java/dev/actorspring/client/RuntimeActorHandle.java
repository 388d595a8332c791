package dev.actorspring.client;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.ActorHandle;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.IdempotencyKeys;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.placement.ActorMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * A handle that sends its calls through the runtime, converting arguments and results with the actors' codec.
 */
final class RuntimeActorHandle implements ActorHandle {

	private final ActorRuntime runtime;

	private final String name;

	private final String key;

	private final CallerCompletions completions;

	private final @Nullable String idempotencyKey;

	RuntimeActorHandle(ActorRuntime runtime, CallerCompletions completions, String name, String key) {
		this(runtime, completions, name, key, null);
	}

	private RuntimeActorHandle(ActorRuntime runtime, CallerCompletions completions, String name, String key,
			@Nullable String idempotencyKey) {
		this.runtime = runtime;
		this.completions = completions;
		this.name = name;
		this.key = key;
		this.idempotencyKey = idempotencyKey;
	}

	@Override
	public RuntimeActorHandle withIdempotencyKey(String idempotencyKey) {
		return new RuntimeActorHandle(this.runtime, this.completions, this.name, this.key,
				IdempotencyKeys.check(idempotencyKey));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public <T> CompletableFuture<@Nullable T> call(Class<T> resultType, String action, Object... args) {
		return call(this.runtime.codec().type(resultType), action, args);
	}

	@Override
	public CompletableFuture<@Nullable Object> call(String action, Object... args) {
		return call(this.runtime.codec().type(Object.class), action, args);
	}

	<T> CompletableFuture<@Nullable T> call(JavaType resultType, String action, @Nullable Object[] args) {
		return call(resultType, action, args, this.idempotencyKey);
	}

	<T> CompletableFuture<@Nullable T> call(JavaType resultType, String action, @Nullable Object[] args,
			@Nullable String idempotencyKey) {
		try {
			return this.completions.deliver(
					ActorFailures.within(this.runtime.call(this.name, this.key, action, toJson(args), null, idempotencyKey),
							this.runtime.actionTimeout(this.name, action)),
					(output) -> this.runtime.codec().decode(output, resultType));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Long> enqueue(String queue, Object body) {
		return this.completions.deliver(ActorFailures.within(publish(queue, body, false), this.runtime.actionTimeout()),
				(id) -> this.runtime.codec().decode(id, this.runtime.codec().type(Long.class)));
	}

	@Override
	public <T> CompletableFuture<@Nullable T> enqueueAndWait(Class<T> resultType, String queue, Object body) {
		return this.completions.deliver(ActorFailures.within(publish(queue, body, true), this.runtime.actionTimeout()),
				(output) -> this.runtime.codec().decode(output, this.runtime.codec().type(resultType)));
	}

	private CompletableFuture<byte[]> publish(String queue, Object body, boolean awaitConsumed) {
		if (this.idempotencyKey != null) {
			return CompletableFuture.failedFuture(ActorErrors.idempotencyNotSupported(
					"Publications to durable queues take no idempotency key yet: a retried publication is queued again."));
		}
		try {
			return this.runtime.enqueue(this.name, this.key, queue, this.runtime.codec().mapper().valueToTree(body),
					awaitConsumed, null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void tell(String action, Object... args) {
		this.runtime.tell(this.name, this.key, action, toJson(args), this.idempotencyKey);
	}

	@Override
	public CompletableFuture<String> create(@Nullable Object input) {
		try {
			JsonNode json = (input != null) ? this.runtime.codec().mapper().valueToTree(input) : null;
			return this.completions.deliver(this.runtime.create(this.name, this.key, json), ActorMetadata::actorId);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Void> destroy() {
		try {
			return this.completions.deliver(this.runtime.destroy(this.name, this.key), (done) -> done);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private JsonNode toJson(@Nullable Object[] args) {
		return this.runtime.codec().mapper().valueToTree(Arrays.asList((args != null) ? args : new Object[0]));
	}

	ActorCodec codec() {
		return this.runtime.codec();
	}

	@Override
	public String toString() {
		return "ActorHandle " + this.name + "/" + this.key;
	}

}
