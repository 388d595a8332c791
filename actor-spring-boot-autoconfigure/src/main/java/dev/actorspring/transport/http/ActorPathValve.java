package dev.actorspring.transport.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Keeps the actor routes' paths honest, in Tomcat before any servlet or filter:
 * <ul>
 * <li>A path written under {@code /actors/} must stay there once normalized: {@code /actors/../x} would otherwise
 * leave the actor servlet for the application's, and answer with its error page. It is refused with the actors'
 * JSON {@code 400}.</li>
 * <li>Encoded slashes and backslashes ({@code %2F}, {@code %5C}) only in the actor routes, when keys may contain
 * them ({@code actor.http.encoded-slash-in-keys}). That needs Tomcat's {@code encodedSolidusHandling} and
 * {@code encodedReverseSolidusHandling=passthrough},
 * which belongs to the whole connector, so every other path that holds one is refused with {@code 400}, as Tomcat
 * does by default: the application's own routes see no encoded slash, as before the starter was added.</li>
 * </ul>
 * A valve rather than a servlet filter: it costs every request a scan of its URI and nothing more (each filter
 * costs Tomcat a synchronized lookup per request).
 */
public class ActorPathValve extends ValveBase {

	private static final String ACTORS = "/actors/";

	private static final String ESCAPED = "{\"group\":\"request\",\"code\":\"bad_request\",\"message\":"
			+ "\"A path under /actors/ must stay there: no '..' segments.\"}";

	private final boolean encodedSlashInKeys;

	/**
	 * @param encodedSlashInKeys whether the connector passes encoded slashes through (for keys with {@code /})
	 */
	public ActorPathValve(boolean encodedSlashInKeys) {
		super(true);
		this.encodedSlashInKeys = encodedSlashInKeys;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String uri = request.getRequestURI();
		// where the request goes is the normalized path: /actors/../admin%2Fx goes to /admin%2Fx
		String normalized = request.getDecodedRequestURI();
		String actors = request.getContextPath() + ACTORS;
		boolean looksLikeActors = uri != null && uri.startsWith(actors);
		boolean isActors = normalized != null && normalized.startsWith(actors);
		if (looksLikeActors && !isActors) {
			// it looked like an actor route: the actors' JSON error, not the application's error page
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("application/json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(ESCAPED);
			return;
		}
		if (this.encodedSlashInKeys && uri != null && !isActors && hasEncodedSlashOrBackslash(uri)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		getNext().invoke(request, response);
	}

	private static boolean hasEncodedSlashOrBackslash(String uri) {
		int at = uri.indexOf('%');
		while (at >= 0 && at + 2 < uri.length()) {
			char high = uri.charAt(at + 1);
			char low = Character.toUpperCase(uri.charAt(at + 2));
			if ((high == '2' && low == 'F') || (high == '5' && low == 'C')) {
				return true;
			}
			at = uri.indexOf('%', at + 1);
		}
		return false;
	}

}
