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
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
