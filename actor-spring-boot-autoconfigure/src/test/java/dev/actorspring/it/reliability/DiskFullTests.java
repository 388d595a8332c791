package dev.actorspring.it.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that fills up, for real: the data directory is a 4 MB tmpfs (mounted by the test, which needs root, as CI
 * runs), and an actor writes rows of its own table until the disk is full. Commits then fail with a retryable JSON
 * error, health goes DOWN, nothing acknowledged is lost, and once space is freed the same running application
 * commits again and health goes UP, without a restart.
 */
class DiskFullTests {

	private static final String NOTE = "x".repeat(8_000);

	@TempDir
	Path mountPoint;

	private boolean mounted;

	@BeforeEach
	void mountSmallDisk() throws Exception {
		this.mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", this.mountPoint.toString()) == 0;
		Assumptions.assumeTrue(this.mounted, "mounting a tmpfs needs root (CI runs as root)");
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted) {
			run("umount", "-l", this.mountPoint.toString());
		}
	}

	@Test
	void commitsFailRetryablyWhileTheDiskIsFullAndResumeOnceSpaceIsBack() throws Exception {
		Path dataDir = this.mountPoint.resolve("data");
		// space the test gives back later
		Path ballast = this.mountPoint.resolve("ballast");
		Files.write(ballast, new byte[1024 * 1024]);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestActorApplication.class)
			.properties("server.port=0", "actor.data-dir=" + dataDir, "actor.health.min-free-disk=256KB",
					"management.endpoint.health.show-details=always")
			.run()) {
			HttpActorClient client = new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(client.get("/actuator/health").status()).isEqualTo(200);

			long acknowledged = 0;
			HttpActorClient.Response refused = null;
			for (int i = 0; i < 2_000 && refused == null; i++) {
				HttpActorClient.Response response = add(client);
				if (response.status() == 200) {
					acknowledged++;
				}
				else {
					refused = response;
				}
			}
			assertThat(refused).as("the disk filled up").isNotNull();
			assertThat(refused.status()).as(refused.body()).isEqualTo(503);
			assertThat(refused.json().get("code").asString()).isEqualTo("storage_failed");
			assertThat(refused.retryAfter()).isEqualTo("1");
			assertThat(acknowledged).isGreaterThan(10);
			assertThat(add(client).status()).as("still full").isEqualTo(503);
			HttpActorClient.Response health = client.get("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().at("/components/actors/details/problem").asString()).contains("free disk space");

			Files.delete(ballast);
			HttpActorClient.Response resumed = add(client);
			assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
			acknowledged++;
			assertThat(client.get("/actuator/health").status()).isEqualTo(200);
			assertThat(client.call("ledger", "disk", "rows").asLong()).as("rows: every acknowledged add, nothing else")
				.isEqualTo(acknowledged);
			assertThat(client.call("ledger", "disk", "state").get("count").asLong()).isEqualTo(acknowledged);
		}
	}

	private static HttpActorClient.Response add(HttpActorClient client) {
		return client.post("/actors/ledger/disk/actions/add", "{\"args\":[1,\"" + NOTE + "\"]}");
	}

	private static int run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

}
