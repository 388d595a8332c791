package dev.actorspring.it.lifecycle;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.persistence.sqlite.DataDirectoryLock.DataDirectoryInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One data directory, one application: started on the directory of a running application (another process, or
 * another context of this one), an application fails at startup with a message naming the holder, where both
 * would otherwise serve the same actors and overwrite each other's commits; once the holder is gone (even killed
 * with SIGKILL), it starts on that directory and serves what the other one committed.
 */
class DataDirectoryLockTests {

	@TempDir
	Path dataDir;

	@Test
	void aSecondApplicationOnTheDataDirectoryOfARunningOneFailsToStartUntilThatOneIsGone() throws Exception {
		int port = freePort();
		Process first = start(port);
		try {
			awaitUp(port, first);
			assertThat(new HttpActorClient(port).call("counter", "shared", "increment", 5).asLong()).isEqualTo(5);

			assertThatThrownBy(this::startHere).hasRootCauseInstanceOf(DataDirectoryInUseException.class)
				.rootCause()
				.hasMessageContaining("in use by process " + first.pid())
				.hasMessageContaining("actor.data-dir");
			assertThat(new HttpActorClient(port).call("counter", "shared", "increment", 1).asLong())
				.as("the running application serves on").isEqualTo(6);
		}
		finally {
			first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		try (ConfigurableApplicationContext app = startHere()) {
			HttpActorClient client = new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(client.call("counter", "shared", "increment", 1).asLong())
				.as("what the killed application committed").isEqualTo(7);
			assertThatThrownBy(this::startHere).hasRootCauseInstanceOf(DataDirectoryInUseException.class)
				.rootCause()
				.hasMessageContaining("in use by this process");
			assertThat(client.call("counter", "shared", "increment", 1).asLong()).isEqualTo(8);
		}
		try (ConfigurableApplicationContext app = startHere()) {
			HttpActorClient client = new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(client.call("counter", "shared", "increment", 1).asLong())
				.as("after the context that held the directory closed").isEqualTo(9);
		}
	}

	private ConfigurableApplicationContext startHere() {
		return new SpringApplicationBuilder(TestActorApplication.class)
			.properties("server.port=0", "actor.data-dir=" + this.dataDir, "spring.main.banner-mode=off")
			.run();
	}

	private Process start(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				TestActorApplication.class.getName(), "--server.port=" + port, "--actor.data-dir=" + this.dataDir,
				"--spring.main.banner-mode=off");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + port + ".log"))
			.start();
	}

	private static void awaitUp(int port, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		HttpActorClient client = new HttpActorClient(port);
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the application exited; see its log in the data directory").isTrue();
			try {
				if (client.get("/actors/counter/probe").status() > 0) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The application did not start within 60 s");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
