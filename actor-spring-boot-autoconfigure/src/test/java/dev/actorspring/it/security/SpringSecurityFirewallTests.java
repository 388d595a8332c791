package dev.actorspring.it.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's default firewall refuses encoded slashes, so without {@link EncodedSlashFirewall} a key with
 * {@code /} is refused before it reaches the runtime: with the actors' JSON error, {@code 400 request/bad_request}.
 */
@SpringBootTest(classes = { TestActorApplication.class, ActorSecurityConfiguration.class, TestUsers.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude=")
class SpringSecurityFirewallTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void theDefaultFirewallRefusesKeysWithASlashWithAJsonError() throws Exception {
		HttpResponse<String> refused = post("/actors/counter/a%2Fb/actions/increment");
		SpringSecurityTests.assertError(refused, 400, "request", "bad_request");
		assertThat(refused.body()).contains("firewall");
		assertThat(post("/actors/counter/ab/actions/increment").body()).isEqualTo("{\"output\":1}");
		assertThat(dataDir.resolve("counter")).isDirectoryNotContaining("glob:**h-*.db");
	}

	private HttpResponse<String> post(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString(("alice:" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
