package dev.actorspring.transport.rivetkit;

import java.util.Locale;

import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;

/** The encodings of RivetKit's client: {@code json}, {@code bare} (the client's default) and {@code cbor}. */
enum GatewayEncoding {

	JSON, BARE, CBOR;

	/**
	 * The encoding a request names ({@code x-rivet-encoding}, {@code rivet_encoding.*}); none means json.
	 * @throws dev.actorspring.api.ActorException {@code invalid_request} for another name
	 */
	static GatewayEncoding of(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return JSON;
		}
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "json" -> JSON;
			case "bare" -> BARE;
			case "cbor" -> CBOR;
			default -> throw ActorErrors.invalidRequest("Unknown encoding '" + name + "': json, bare or cbor.");
		};
	}

	/** The content type of the bodies in this encoding. */
	String contentType() {
		return (this == JSON) ? "application/json" : "application/octet-stream";
	}

}
