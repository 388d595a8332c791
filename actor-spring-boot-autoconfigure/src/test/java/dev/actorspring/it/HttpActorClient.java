package dev.actorspring.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A REST client for tests, as a user's HTTP client would call the server. */
public final class HttpActorClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	public HttpActorClient(int port) {
		this.base = "http://localhost:" + port;
	}

	public Response post(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Calls an action and returns its output; fails on any status but 200. */
	public JsonNode call(String actor, String key, String action, Object... args) {
		Response response = post("/actors/" + actor + "/" + key + "/actions/" + action,
				JSON.writeValueAsString(java.util.Map.of("args", List.of(args))));
		if (response.status() != 200) {
			throw new AssertionError("Expected 200 but got " + response.status() + ": " + response.body());
		}
		return response.json().get("output");
	}

	public record Response(int status, String body, String contentType, String retryAfter) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
