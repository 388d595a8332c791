package dev.actorspring.transport.http;

import dev.actorspring.transport.PathSegments;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * One actor route, read from the raw request path: {@code /actors/{name}/{key}},
 * {@code /actors/{name}/{key}/actions/{action}} or {@code /actors/{name}/{key}/connect}. Segments are split on the
 * raw path, so a key may hold {@code /} as {@code %2F}; each is then stripped of its {@code ;} path parameters and
 * percent-decoded, as Spring MVC does with path variables.
 *
 * @param kind which route
 * @param name the actor type
 * @param key the instance key
 * @param action the action, or {@code null} for the other routes
 */
record ActorRoute(Kind kind, String name, String key, @Nullable String action) {

	/** The queue of a {@link Kind#QUEUE} route. */
	String queue() {
		return (this.action != null) ? this.action : "";
	}

	private static final String PREFIX = "/actors/";

	/** The routes, each with its pattern for the {@code uri} tag of {@code http.server.requests} (never the key). */
	enum Kind {

		INSTANCE("/actors/{name}/{key}"), ACTION("/actors/{name}/{key}/actions/{action}"),
		CONNECT("/actors/{name}/{key}/connect"), QUEUE("/actors/{name}/{key}/queues/{queue}");

		final String pattern;

		Kind(String pattern) {
			this.pattern = pattern;
		}

	}

	/**
	 * Reads the route of a request, splitting its path once.
	 * @param request the request
	 * @return its route, or {@code null} when the path is not one
	 */
	static @Nullable ActorRoute parse(HttpServletRequest request) {
		String[] segments = segments(request);
		Kind kind = (segments != null) ? kind(segments) : null;
		if (kind == null) {
			return null;
		}
		String name = PathSegments.decode(segments[0]);
		String key = PathSegments.decode(segments[1]);
		boolean named = kind == Kind.ACTION || kind == Kind.QUEUE;
		String action = named ? PathSegments.decode(segments[3]) : null;
		if (name == null || key == null || (named && action == null)) {
			return null;
		}
		return new ActorRoute(kind, name, key, action);
	}

	/**
	 * Whether the path has the shape of an instance or action route (so a wrong method is a 405, not a 404).
	 * @param request the request
	 * @return whether it does
	 */
	static boolean knownShape(HttpServletRequest request) {
		String[] segments = segments(request);
		Kind kind = (segments != null) ? kind(segments) : null;
		return kind == Kind.INSTANCE || kind == Kind.ACTION || kind == Kind.QUEUE;
	}

	/**
	 * Whether the path is a WebSocket connect path, {@code /actors/{name}/{key}/connect}.
	 * @param request the request
	 * @return whether it is
	 */
	static boolean isConnect(HttpServletRequest request) {
		String[] segments = segments(request);
		return segments != null && kind(segments) == Kind.CONNECT;
	}

	/** The route that still-encoded segments make, or {@code null}; no segment may be empty. */
	private static @Nullable Kind kind(String[] segments) {
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return null;
			}
		}
		return switch (segments.length) {
			case 2 -> Kind.INSTANCE;
			case 3 -> "connect".equals(segments[2]) ? Kind.CONNECT : null;
			case 4 -> "actions".equals(segments[2]) ? Kind.ACTION : ("queues".equals(segments[2]) ? Kind.QUEUE : null);
			default -> null;
		};
	}

	/**
	 * The segments after {@code /actors/}, split on the raw path and each stripped of its {@code ;} path
	 * parameters (as Spring MVC does), or {@code null} for another path. Dot segments are read as written: one that
	 * Tomcat's normalization keeps under {@code /actors/} is an ordinary name or key ({@link ActorPathValve}
	 * refuses those that would leave it).
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
				return null; // longer than any route
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

}
