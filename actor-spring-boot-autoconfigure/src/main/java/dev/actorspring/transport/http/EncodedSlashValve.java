package dev.actorspring.transport.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps encoded slashes ({@code %2F}) to the actor routes. Keys may contain {@code /}, sent as {@code %2F}, which
 * needs Tomcat's {@code encodedSolidusHandling=passthrough}; that setting belongs to the whole connector, so this
 * filter answers 400, as Tomcat does by default, for every other path that holds one. The application's own
 * routes thus see no encoded slash, as before the starter was added.
 */
public class EncodedSlashFilter extends OncePerRequestFilter {

	private static final String ACTORS = "/actors/";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		if (hasEncodedSlash(uri) && !uri.startsWith(request.getContextPath() + ACTORS)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
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
