package dev.actorspring.transport.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's answers for the actor routes, in the same JSON shape as every other actor error
 * ({@code {"group", "code", "message"}}): use them in a {@code SecurityFilterChain} for {@code /actors/**}.
 */
public final class ActorSecurityErrors {

	private ActorSecurityErrors() {
	}

	/**
	 * Answers an unauthenticated request with {@code 401 auth/unauthorized}. It sends no
	 * {@code WWW-Authenticate} challenge, so that a browser's {@code fetch} does not pop up a login dialog; clients
	 * using HTTP Basic send their credentials up front.
	 * @return the entry point
	 */
	public static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> write(response, ActorErrors.unauthorized());
	}

	/**
	 * Answers an authenticated request that is not allowed with {@code 403 auth/forbidden}.
	 * @return the handler
	 */
	public static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response,
				ActorErrors.forbidden("You are not allowed to do this (" + request.getMethod() + " "
						+ ActorErrors.truncate(request.getRequestURI()) + ")."));
	}

	/**
	 * Answers a request Spring Security's firewall rejected (an encoded slash, {@code ;}, {@code %25}, ...) with
	 * {@code 400 request/bad_request} on the actor routes, and with a plain 400 elsewhere.
	 * @return the handler
	 */
	public static RequestRejectedHandler rejected() {
		return (request, response, ex) -> {
			if (request.getRequestURI().startsWith(request.getContextPath() + "/actors/")) {
				write(response, new ActorException("request", "bad_request", "The request was rejected by the "
						+ "HTTP firewall: " + ex.getMessage(), 400, null));
			}
			else {
				response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			}
		};
	}

	private static void write(HttpServletResponse response, ActorException error) throws IOException {
		response.setStatus(error.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(ErrorBody.of(error)));
	}

}
