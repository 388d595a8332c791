package dev.actorspring.it.websocket;

import java.nio.file.Path;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the REST adapter off ({@code actor.http.enabled=false}), the actor servlet is gone and the connect path is
 * served through Spring MVC: clients still connect and call actions, and {@code /actors/**} is the application's.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.http.enabled=false")
class WebSocketWithoutRestTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void clientsConnectAndCallWhileRestIsOff() {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "ws-only", null)) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			ws.action(1, "increment", "[4]");
			JsonNode response = ws.next();
			assertThat(response.at("/body/tag").asString()).isEqualTo("ActionResponse");
			assertThat(response.at("/body/val/output").asLong()).isEqualTo(4);
		}
		HttpActorClient.Response rest = new HttpActorClient(this.port).post("/actors/counter/ws-only/actions/get", "");
		assertThat(rest.status()).isEqualTo(404);
		assertThat(rest.body()).doesNotContain("\"output\"");
	}

}
