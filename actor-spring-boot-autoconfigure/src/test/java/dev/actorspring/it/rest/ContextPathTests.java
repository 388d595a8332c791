package dev.actorspring.it.rest;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application served under a context path: the actor routes are under it, and a request Tomcat itself refuses
 * there (a NUL in the path) still gets the JSON error shape, on the REST routes and on the RivetKit gateway's.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.servlet.context-path=/app")
class ContextPathTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void actionsAreServedUnderTheContextPath() throws IOException {
		String response = send("POST /app/actors/counter/ctx/actions/increment HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"args\":[2]}");
		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(response).contains("{\"output\":2}");
	}

	@Test
	void pathsTheHttpServerRefusesUnderTheContextPathStillGetJsonErrors() throws IOException {
		for (String path : List.of("/app/actors/counter/a%00b/actions/get", "/app/rivet/gateway/counter/a%00b/action/get")) {
			String response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(response).as(path).startsWith("HTTP/1.1 400");
			assertThat(response).as(path).containsIgnoringCase("Content-Type: application/json");
			assertThat(response).as(path).contains("\"code\":\"bad_request\"");
		}
		// other paths keep Tomcat's own report
		String other = send("GET /app/elsewhere/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(other).startsWith("HTTP/1.1 400");
		assertThat(other).doesNotContain("\"code\":\"bad_request\"");
		assertThat(other).as("Spring Boot hides the server's version in error pages").doesNotContain("Apache Tomcat/");
	}

	@Test
	void aRefusalTheGatewayWritesItselfIsNotTurnedIntoTheServersRefusal() throws IOException {
		// a WebSocket handshake from a page of another origin: 403, as the handshake interceptor set it, no body
		String refused = send("GET /app/rivet/gateway/counter/connect?rvt-method=getOrCreate&rvt-key=o HTTP/1.1\r\n"
				+ "Host: localhost\r\nOrigin: https://evil.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
				+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Protocol: rivet, rivet_encoding.json\r\n\r\n");
		assertThat(refused).startsWith("HTTP/1.1 403");
		assertThat(refused).doesNotContain("bad_request");
	}

	/** Sends a request and reads the answer until the server closes, or for 3 s once an answer started. */
	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read; (read = socket.getInputStream().read(buffer)) >= 0;) {
					answer.write(buffer, 0, read);
					socket.setSoTimeout(3_000);
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				if (answer.size() == 0) {
					throw ex;
				}
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
