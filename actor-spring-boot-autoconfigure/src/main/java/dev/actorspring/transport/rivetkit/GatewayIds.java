package dev.actorspring.transport.rivetkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.actorspring.runtime.placement.ActorMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's actor ids: {@code base64url(name).base64url(key).actorId}. An id carries its own index entry (the
 * instance it names, on whichever node it runs, also after a restart) and the instance's own actor id, generated
 * when it was created: an id names one incarnation, so after a destroy and a new create the old id finds nothing,
 * as with RivetKit's ids.
 */
final class GatewayIds {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private GatewayIds() {
	}

	/** The gateway id of an instance. */
	static String of(String name, String key, String actorId) {
		return ENCODER.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "."
				+ ENCODER.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "." + actorId;
	}

	/** The gateway id of an instance. */
	static String of(ActorMetadata metadata) {
		return of(metadata.name(), metadata.key(), metadata.actorId());
	}

	/**
	 * What an id names.
	 * @param id the id
	 * @return the instance and its actor id, or {@code null} for text that is no gateway id
	 */
	static @Nullable Named parse(String id) {
		int first = id.indexOf('.');
		int second = (first >= 0) ? id.indexOf('.', first + 1) : -1;
		if (first <= 0 || second <= first + 1 || second == id.length() - 1) {
			return null;
		}
		try {
			String name = new String(Base64.getUrlDecoder().decode(id.substring(0, first)), StandardCharsets.UTF_8);
			String key = new String(Base64.getUrlDecoder().decode(id.substring(first + 1, second)), StandardCharsets.UTF_8);
			return new Named(name, key, id.substring(second + 1));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * What an id names.
	 * @param name the actor type
	 * @param key the key
	 * @param actorId the incarnation's actor id
	 */
	record Named(String name, String key, String actorId) {
	}

}
