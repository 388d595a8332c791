package dev.actorspring.transport.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report, in the actors' JSON error shape for requests under the actor routes ({@code /actors/} and
 * the RivetKit gateway's, after the application's context path): requests Tomcat refuses before any servlet sees
 * them (a NUL or invalid UTF-8 in the path, a broken escape) then still get
 * {@code {"group": "request", "code": "bad_request", "message": ...}} instead of an HTML page. Other paths
 * keep Tomcat's report.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	private final List<String> prefixes;

	/** A report for {@code /actors/} at the root context (what Tomcat makes when it creates the valve by name). */
	public JsonErrorReportValve() {
		this(List.of("/actors/"));
	}

	/**
	 * A report for the given routes.
	 * @param prefixes the request URIs, as they arrive (context path included), that get JSON: each ends with '/'
	 */
	public JsonErrorReportValve(List<String> prefixes) {
		this.prefixes = List.copyOf(prefixes);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		String uri = request.getCoyoteRequest().requestURI().toString();
		int status = response.getStatus();
		if (uri == null || !actorRoute(uri) || status < 400 || response.isCommitted()
				|| response.getContentWritten() > 0) {
			super.report(request, response, throwable);
			return;
		}
		if (!response.setErrorReported()) {
			return; // not an error sent with sendError (a status an application set, say), or reported already
		}
		String code = (status < 500) ? "bad_request" : "internal_error";
		String group = (status < 500) ? "request" : "core";
		String message = (status < 500) ? "The request was refused by the HTTP server (status " + status
				+ "): check the URL encoding of the actor name, key and action." : "An internal error occurred.";
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"group\":\"" + group + "\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone
		}
	}

	private boolean actorRoute(String uri) {
		for (String prefix : this.prefixes) {
			if (uri.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
