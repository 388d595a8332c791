package dev.actorspring.transport;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * How the adapters read one raw path segment of an actor route (a name, a key, an action): without its {@code ;}
 * path parameters, as Spring MVC reads path variables, then percent-decoded, so that REST calls and WebSocket
 * handshakes reach the same instance for the same path.
 */
public final class PathSegments {

	private PathSegments() {
	}

	/**
	 * @param raw the segment as the request line has it
	 * @return the decoded segment, or {@code null} if its escapes are not valid
	 */
	public static @Nullable String decode(String raw) {
		int parameters = raw.indexOf(';');
		String segment = (parameters >= 0) ? raw.substring(0, parameters) : raw;
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		try {
			return UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
