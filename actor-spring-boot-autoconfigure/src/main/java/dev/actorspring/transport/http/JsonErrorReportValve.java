package dev.actorspring.transport.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report, in the actors' JSON error shape for requests under {@code /actors/}: requests Tomcat
 * refuses before any servlet sees them (a NUL or invalid UTF-8 in the path, a broken escape) then still get
 * {@code {"group": "request", "code": "bad_request", "message": ...}} instead of an HTML page. Other paths
 * keep Tomcat's report.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		String uri = request.getCoyoteRequest().requestURI().toString();
		int status = response.getStatus();
		if (uri == null || !uri.startsWith("/actors/") || status < 400 || response.isCommitted()
				|| response.getContentWritten() > 0) {
			super.report(request, response, throwable);
			return;
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

}
