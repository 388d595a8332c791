package dev.actorspring.transport.rivetkit;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.actorspring.api.ActorException;
import dev.actorspring.api.ActorKey;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.transport.PathSegments;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which instance a gateway path names: {@code /gateway/{name}/...?rvt-method=get|getOrCreate&rvt-key=a,b[&rvt-input=...]}
 * (the key's parts, joined with {@code ,} by the client, map to a key by {@link ActorKey#of(List)}), or
 * {@code /gateway/{actorId}[@token]/...} ({@link GatewayIds}). {@code get} and ids never create: a missing actor is
 * {@code actor/not_found}; {@code getOrCreate} creates it, with its {@code rvt-input} as the creation input.
 */
final class GatewayTargets {

	private final ActorRuntime runtime;

	private final GatewayCodec codec;

	GatewayTargets(ActorRuntime runtime, GatewayCodec codec) {
		this.runtime = runtime;
		this.codec = codec;
	}

	/**
	 * Resolves a target.
	 * @param segment the still-encoded path segment after {@code /gateway/}
	 * @param query the decoded query parameters ({@code null} when absent)
	 * @return the instance; fails with {@code actor/not_found} and the runtime's refusals
	 */
	CompletableFuture<Target> resolve(String segment, Function<String, @Nullable String> query) {
		String text = PathSegments.decode(segment);
		if (text == null || text.isEmpty()) {
			return CompletableFuture.failedFuture(ActorErrors.invalidRequest("The gateway path names no actor."));
		}
		String method = query.apply("rvt-method");
		if (method == null) {
			return byId(text);
		}
		String key = key(query.apply("rvt-key"));
		return switch (method) {
			case "get" -> this.runtime.describe(text, key).thenApply((found) -> new Target(text, key));
			case "getOrCreate" -> getOrCreate(text, key, query.apply("rvt-input"));
			default -> CompletableFuture.failedFuture(
					ActorErrors.invalidRequest("rvt-method must be get or getOrCreate, not '" + method + "'."));
		};
	}

	/**
	 * The actor type a target names, without resolving it.
	 * @param segment the still-encoded path segment after {@code /gateway/}
	 * @param byName whether the request addresses the actor by name ({@code rvt-method})
	 * @return the type, or {@code null} if the segment names none
	 */
	@Nullable String nameOf(String segment, boolean byName) {
		String text = PathSegments.decode(segment);
		if (text == null || byName) {
			return text;
		}
		int token = text.indexOf('@');
		GatewayIds.Named named = GatewayIds.parse((token >= 0) ? text.substring(0, token) : text);
		return (named != null) ? named.name() : null;
	}

	private CompletableFuture<Target> getOrCreate(String name, String key, @Nullable String input) {
		Target target = new Target(name, key);
		if (input == null) {
			return CompletableFuture.completedFuture(target); // connecting or calling creates it
		}
		JsonNode value;
		try {
			value = this.codec.input(input);
		}
		catch (ActorException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.runtime.create(name, key, value).handle((created, failure) -> {
			if (failure != null && !"actor_already_exists".equals(ActorFailures.toActorException(failure).code())) {
				throw ActorFailures.toActorException(failure);
			}
			return target;
		});
	}

	private CompletableFuture<Target> byId(String text) {
		int token = text.indexOf('@'); // a RivetKit token: authentication is the application's (Spring Security)
		String id = (token >= 0) ? text.substring(0, token) : text;
		GatewayIds.Named named = GatewayIds.parse(id);
		if (named == null) {
			return CompletableFuture.failedFuture(notFound(id));
		}
		return this.runtime.describe(named.name(), named.key()).thenApply((found) -> {
			if (!found.actorId().equals(named.actorId())) {
				throw notFound(id); // destroyed, and created again since: another incarnation
			}
			return new Target(named.name(), named.key());
		});
	}

	private static ActorException notFound(String id) {
		return new ActorException("actor", "not_found", "No actor has the id '" + truncate(id) + "'.", 404, null);
	}

	/** The key of {@code rvt-key}: its parts are joined with {@code ,}; none is the empty compound key. */
	static String key(@Nullable String parts) {
		List<String> split = (parts == null) ? List.of() : Arrays.asList(parts.split(",", -1));
		return ActorKey.of(split);
	}

	private static String truncate(String text) {
		return (text.length() > 100) ? text.substring(0, 100) + "..." : text;
	}

	/**
	 * An instance the gateway addresses.
	 * @param name the actor type
	 * @param key the key
	 */
	record Target(String name, String key) {
	}

}
