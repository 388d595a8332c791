package dev.actorspring.transport.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Keeps encoded slashes ({@code %2F}) to the actor routes. Keys may contain {@code /}, sent as {@code %2F}, which
 * needs Tomcat's {@code encodedSolidusHandling=passthrough}; that setting belongs to the whole connector, so this
 * valve answers 400, as Tomcat does by default, for every other path that holds one. The application's own routes
 * thus see no encoded slash, as before the starter was added. A valve rather than a servlet filter: it costs every
 * request a scan of its URI and nothing more (each filter costs Tomcat a synchronized lookup per request).
 */
public class EncodedSlashValve extends ValveBase {

	private static final String ACTORS = "/actors/";

	private static final String REFUSED = "{\"group\":\"request\",\"code\":\"bad_request\",\"message\":"
			+ "\"An encoded slash (%2F) is only allowed in an actor's key.\"}";

	public EncodedSlashValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String uri = request.getRequestURI();
		// where the request goes is the normalized path: /actors/../admin%2Fx goes to /admin%2Fx
		String normalized = request.getDecodedRequestURI();
		String actors = request.getContextPath() + ACTORS;
		if (uri != null && hasEncodedSlash(uri) && (normalized == null || !normalized.startsWith(actors))) {
			if (uri.startsWith(actors)) {
				// it looked like an actor route: the actors' JSON error, not the application's error page
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				response.setContentType("application/json");
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				response.getWriter().write(REFUSED);
			}
			else {
				response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			}
			return;
		}
		getNext().invoke(request, response);
	}

	private static boolean hasEncodedSlash(String uri) {
		int at = uri.indexOf('%');
		while (at >= 0 && at + 2 < uri.length()) {
			if (uri.charAt(at + 1) == '2' && (uri.charAt(at + 2) == 'F' || uri.charAt(at + 2) == 'f')) {
				return true;
			}
			at = uri.indexOf('%', at + 1);
		}
		return false;
	}

}
