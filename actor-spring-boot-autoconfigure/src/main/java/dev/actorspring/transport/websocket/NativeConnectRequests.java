package dev.actorspring.transport.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.PathSegments;
import dev.actorspring.transport.Requests;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The native connect path, {@code /actors/{name}/{key}/connect?params=<url-encoded JSON>}, in the native JSON
 * frames.
 */
public final class NativeConnectRequests implements ConnectRequests {

	private final ActorRuntime runtime;

	private final WebSocketFrames frames;

	private final int maxParamsSize;

	/**
	 * @param runtime the runtime
	 * @param maxParamsSize the longest {@code params}, in characters
	 */
	public NativeConnectRequests(ActorRuntime runtime, int maxParamsSize) {
		this.runtime = runtime;
		this.frames = new WebSocketFrames(runtime.codec());
		this.maxParamsSize = maxParamsSize;
	}

	@Override
	public FrameFormat format(WebSocketSession session) {
		return this.frames;
	}

	@Override
	public CompletableFuture<Target> target(WebSocketSession session) {
		URI uri = session.getUri();
		if (uri == null) {
			throw ActorErrors.invalidRequest("The WebSocket request has no URI.");
		}
		String[] segments = uri.getRawPath().split("/");
		String name = PathSegments.decode(segments[segments.length - 3]);
		String key = PathSegments.decode(segments[segments.length - 2]);
		if (name == null || key == null) {
			throw ActorErrors.invalidRequest("The connect path does not decode.");
		}
		return CompletableFuture.completedFuture(new Target(name, key, params(uri)));
	}

	private @Nullable JsonNode params(URI uri) {
		String raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("params");
		if (raw != null && raw.length() > this.maxParamsSize) { // checked before decoding too
			throw ActorErrors.invalidParams("The connection params are longer than " + this.maxParamsSize + " bytes.");
		}
		return Requests.params(this.runtime.codec(), (raw != null) ? UriUtils.decode(raw, StandardCharsets.UTF_8) : null,
				this.maxParamsSize);
	}

}
