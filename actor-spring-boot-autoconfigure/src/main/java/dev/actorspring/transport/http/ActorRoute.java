package dev.actorspring.transport.http;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * One actor route, read from the raw request path: {@code /actors/{name}/{key}} or
 * {@code /actors/{name}/{key}/actions/{action}}. Segments are split on the raw path, so a key may hold {@code /}
 * as {@code %2F}; each is then stripped of its {@code ;} path parameters and percent-decoded, as Spring MVC does
 * with path variables.
 *
 * @param name the actor type
 * @param key the instance key
 * @param action the action, or {@code null} for the instance route
 */
record ActorRoute(String name, String key, @Nullable String action) {

	static final String INSTANCE_PATTERN = "/actors/{name}/{key}";

	static final String ACTION_PATTERN = "/actors/{name}/{key}/actions/{action}";

	static final String CONNECT_PATTERN = "/actors/{name}/{key}/connect";

	private static final String PREFIX = "/actors/";

	/** The pattern, for the {@code uri} tag of {@code http.server.requests} (never the key itself). */
	String pattern() {
		return (this.action != null) ? ACTION_PATTERN : INSTANCE_PATTERN;
	}

	/**
	 * @param request the request
	 * @return its route, or {@code null} when the path is not one
	 */
	static @Nullable ActorRoute parse(HttpServletRequest request) {
		String[] segments = segments(request);
		if (segments == null || (segments.length != 2 && !(segments.length == 4 && "actions".equals(segments[2])))) {
			return null;
		}
		String name = decode(segments[0]);
		String key = decode(segments[1]);
		String action = (segments.length == 4) ? decode(segments[3]) : null;
		if (name.isEmpty() || key.isEmpty() || (action != null && action.isEmpty())) {
			return null;
		}
		return new ActorRoute(name, key, action);
	}

	/**
	 * Whether the path has the shape of a route (so a wrong method is a 405, not a 404).
	 * @param request the request
	 * @return whether it does
	 */
	static boolean knownShape(HttpServletRequest request) {
		String[] segments = segments(request);
		if (segments == null || (segments.length != 2 && !(segments.length == 4 && "actions".equals(segments[2])))) {
			return false;
		}
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the path is a WebSocket connect path, {@code /actors/{name}/{key}/connect}.
	 * @param request the request
	 * @return whether it is
	 */
	static boolean isConnect(HttpServletRequest request) {
		String[] segments = segments(request);
		return segments != null && segments.length == 3 && "connect".equals(segments[2]);
	}

	private static String @Nullable [] segments(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = request.getContextPath().length();
		if (!uri.startsWith(PREFIX, start)) {
			return null;
		}
		return uri.substring(start + PREFIX.length()).split("/", -1);
	}

	private static String decode(String segment) {
		int parameters = segment.indexOf(';');
		String value = (parameters >= 0) ? segment.substring(0, parameters) : segment;
		return (value.indexOf('%') >= 0) ? UriUtils.decode(value, StandardCharsets.UTF_8) : value;
	}

}
