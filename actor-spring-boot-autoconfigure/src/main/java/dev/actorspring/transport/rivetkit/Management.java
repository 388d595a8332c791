package dev.actorspring.transport.rivetkit;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.placement.ActorMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The management API of the gateway, as RivetKit's clients use it to resolve actor ids ({@code @rivetkit/react}'s
 * HTTP actions, {@code handle.resolve()}, {@code client.create()}): {@code PUT /actors} gets or creates,
 * {@code POST /actors} creates, {@code GET /actors?name=&key=} and {@code GET /actors?actor_ids=} look up. Keys
 * are RivetKit's serialized keys, which are this runtime's keys ({@code ActorKey}); input is base64 of CBOR.
 */
final class Management {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** The most ids one lookup takes (each is one describe; the client asks for one). */
	private static final int MAX_IDS = 32;

	private final ActorRuntime runtime;

	private final GatewayCodec codec;

	Management(ActorRuntime runtime, GatewayCodec codec) {
		this.runtime = runtime;
		this.codec = codec;
	}

	void serve(HttpServletRequest request, HttpServletResponse response, String method, byte[] body)
			throws IOException {
		ObjectNode answer = NODES.objectNode();
		switch (method) {
			case "GET", "HEAD" -> answer.set("actors", find(request));
			case "PUT" -> {
				Spec spec = spec(body);
				request.setAttribute(RivetKitGatewayServlet.DISPATCHED, true);
				Found found = RivetKitGatewayServlet.await(getOrCreate(spec), this.runtime.actionTimeout());
				answer.set("actor", actor(found.metadata()));
				answer.put("created", found.created());
			}
			case "POST" -> {
				Spec spec = spec(body);
				request.setAttribute(RivetKitGatewayServlet.DISPATCHED, true);
				ActorMetadata created = RivetKitGatewayServlet.await(this.runtime.create(spec.name(), spec.key(), spec.input()),
						this.runtime.actionTimeout());
				answer.set("actor", actor(created));
			}
			default -> throw new ActorException("request", "method_not_allowed",
					"Method " + method + " is not allowed here.", 405, null);
		}
		RivetKitGatewayServlet.write(response, 200, "application/json", this.codec.json().encode(answer));
	}

	private ArrayNode find(HttpServletRequest request) {
		ArrayNode actors = NODES.arrayNode();
		String ids = request.getParameter("actor_ids");
		if (ids != null) {
			String[] list = ids.split(",");
			if (list.length > MAX_IDS) {
				throw ActorErrors.invalidRequest("GET /actors takes at most " + MAX_IDS + " actor_ids.");
			}
			request.setAttribute(RivetKitGatewayServlet.DISPATCHED, true);
			for (String id : list) {
				GatewayIds.Named named = GatewayIds.parse(id);
				if (named != null) {
					ActorMetadata found = lookUp(named.name(), named.key());
					if (found != null && found.actorId().equals(named.actorId())) {
						actors.add(actor(found));
					}
				}
			}
			return actors;
		}
		String name = request.getParameter("name");
		if (name == null || name.isEmpty()) {
			throw ActorErrors.invalidRequest("GET /actors needs ?name=&key= or ?actor_ids=.");
		}
		String key = request.getParameter("key");
		request.setAttribute(RivetKitGatewayServlet.DISPATCHED, true);
		ActorMetadata found = lookUp(name, (key != null) ? key : "/");
		if (found != null) {
			actors.add(actor(found));
		}
		return actors;
	}

	private @Nullable ActorMetadata lookUp(String name, String key) {
		try {
			return RivetKitGatewayServlet.await(this.runtime.describe(name, key), this.runtime.actionTimeout());
		}
		catch (ActorException ex) {
			if ("actor_not_found".equals(ex.code())) {
				return null;
			}
			throw ex;
		}
	}

	private CompletableFuture<Found> getOrCreate(Spec spec) {
		return this.runtime.describe(spec.name(), spec.key())
			.thenApply((found) -> new Found(found, false))
			.exceptionallyCompose((failure) -> {
				if (!"actor_not_found".equals(ActorFailures.toActorException(failure).code())) {
					return CompletableFuture.failedFuture(failure);
				}
				return this.runtime.create(spec.name(), spec.key(), spec.input())
					.thenApply((created) -> new Found(created, true))
					.exceptionallyCompose((again) -> "actor_already_exists".equals(ActorFailures.toActorException(again).code())
							? this.runtime.describe(spec.name(), spec.key()).thenApply((found) -> new Found(found, false))
							: CompletableFuture.failedFuture(again));
			});
	}

	private Spec spec(byte[] body) {
		JsonNode json = this.codec.readJson(body);
		String name = json.path("name").asString("");
		if (name.isEmpty()) {
			throw ActorErrors.invalidRequest("The body needs the actor's \"name\".");
		}
		JsonNode key = json.get("key");
		if (key != null && !key.isNull() && !key.isString()) {
			throw ActorErrors.invalidRequest("\"key\" is a serialized key string.");
		}
		JsonNode input = json.get("input");
		if (input != null && !input.isNull() && !input.isString()) {
			throw ActorErrors.invalidRequest("\"input\" is base64 of CBOR.");
		}
		return new Spec(name, (key != null && key.isString()) ? key.asString() : "/",
				(input != null && input.isString()) ? this.codec.input(input.asString()) : null);
	}

	private static ObjectNode actor(ActorMetadata metadata) {
		return NODES.objectNode()
			.put("actor_id", GatewayIds.of(metadata))
			.put("name", metadata.name())
			.put("key", metadata.key())
			.put("namespace_id", "default")
			.put("create_ts", metadata.createdAt().toEpochMilli());
	}

	private record Spec(String name, String key, @Nullable JsonNode input) {
	}

	private record Found(ActorMetadata metadata, boolean created) {
	}

}
