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

	/** The segments of a path under {@code /actors/} too long to be a route. */
	private static final String[] NO_ROUTE = new String[0];

	/** The pattern, for the {@code uri} tag of {@code http.server.requests} (never the key itself). */
	String pattern() {
		return (this.action != null) ? ACTION_PATTERN : INSTANCE_PATTERN;
	}

	/**
	 * @param request the request
	 * @return its route, or {@code null} when the path is not one
	 */
	static @Nullable ActorRoute parse(HttpServletRequest request) {
		String[] segments = routeSegments(request);
		if (segments == null) {
			return null;
		}
		String name = decode(segments[0]);
		String key = decode(segments[1]);
		String action = (segments.length == 4) ? decode(segments[3]) : null;
		if (name == null || key == null || (segments.length == 4 && action == null)) {
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
		return routeSegments(request) != null;
	}

	/**
	 * Whether the path is a WebSocket connect path, {@code /actors/{name}/{key}/connect}.
	 * @param request the request
	 * @return whether it is
	 */
	static boolean isConnect(HttpServletRequest request) {
		String[] segments = segments(request);
		return segments != null && segments.length == 3 && "connect".equals(segments[2]) && usable(segments[0])
				&& usable(segments[1]);
	}

	/** The segments of an instance or action route, still encoded, or {@code null}. */
	private static String @Nullable [] routeSegments(HttpServletRequest request) {
		String[] segments = segments(request);
		if (segments == null || (segments.length != 2 && !(segments.length == 4 && "actions".equals(segments[2])))) {
			return null;
		}
		for (String segment : segments) {
			if (!usable(segment)) {
				return null;
			}
		}
		return segments;
	}

	/**
	 * The segments after {@code /actors/}, split on the raw path and each stripped of its {@code ;} path
	 * parameters (as Spring MVC does), or {@code null} for another path.
	 */
	private static String @Nullable [] segments(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = request.getContextPath().length();
		if (!uri.startsWith(PREFIX, start)) {
			return null;
		}
		int from = start + PREFIX.length();
		int count = 1;
		for (int at = uri.indexOf('/', from); at >= 0; at = uri.indexOf('/', at + 1)) {
			if (++count > 4) {
				return NO_ROUTE; // longer than any route
			}
		}
		String[] segments = new String[count];
		for (int i = 0; i < count; i++) {
			int slash = uri.indexOf('/', from);
			int end = (slash >= 0) ? slash : uri.length();
			int parameters = uri.indexOf(';', from);
			segments[i] = uri.substring(from, (parameters >= 0 && parameters < end) ? parameters : end);
			from = end + 1;
		}
		return segments;
	}

	/**
	 * Not empty. Dot segments are read as written: one that Tomcat's normalization keeps under {@code /actors/} is
	 * an ordinary name or key ({@link ActorPathValve} refuses those that would leave it).
	 */
	private static boolean usable(String segment) {
		return !segment.isEmpty();
	}

	/** The decoded segment, or {@code null} if its escapes are not valid UTF-8 (no route). */
	private static @Nullable String decode(String segment) {
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
