package dev.actorspring.it.observability;

import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The actors health indicator, read at /actuator/health. */
class HealthTests {

	@TempDir
	Path tempDir;

	@Test
	void healthGoesDownWhenTheDataDirectoryCannotBeWritten() throws Exception {
		Path dataDir = this.tempDir.resolve("data");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestActorApplication.class)
			.properties("server.port=0", "actor.data-dir=" + dataDir, "management.endpoint.health.show-details=always")
			.run()) {
			HttpActorClient client = new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
			client.call("counter", "h", "increment", 1);
			HttpActorClient.Response up = client.get("/actuator/health");
			assertThat(up.status()).isEqualTo(200);
			JsonNode actors = up.json().at("/components/actors");
			assertThat(actors.get("status").asString()).isEqualTo("UP");
			assertThat(actors.at("/details/accepting").asBoolean()).isTrue();

			FileSystemUtils.deleteRecursively(dataDir);
			Files.writeString(dataDir, "not a directory");
			HttpActorClient.Response down = client.get("/actuator/health");
			assertThat(down.status()).isEqualTo(503);
			assertThat(down.json().at("/components/actors/status").asString()).isEqualTo("DOWN");
			assertThat(down.json().at("/components/actors/details/problem").asString()).contains("not writable");
			Files.delete(dataDir);
		}
	}

	@Test
	void healthGoesDownWhenFreeDiskIsBelowTheThreshold() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestActorApplication.class)
			.properties("server.port=0", "actor.data-dir=" + this.tempDir, "actor.health.min-free-disk=1000TB",
					"management.endpoint.health.show-details=always")
			.run()) {
			HttpActorClient client = new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
			HttpActorClient.Response down = client.get("/actuator/health");
			assertThat(down.status()).isEqualTo(503);
			assertThat(down.json().at("/components/actors/details/problem").asString()).contains("free disk");
		}
	}

}
