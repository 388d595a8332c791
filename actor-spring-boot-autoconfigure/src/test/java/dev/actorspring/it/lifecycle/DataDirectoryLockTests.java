package dev.actorspring.it.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.ChildApplication;
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
		int port = ChildApplication.freePort();
		Process first = ChildApplication.start(this.dataDir, port);
		try {
			ChildApplication.awaitUp(port, first, "/actors/counter/probe");
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
			// and that refusal left this process's lock in place: another process is still refused
			int otherPort = ChildApplication.freePort();
			Process other = ChildApplication.start(this.dataDir, otherPort);
			assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("the other process exits").isTrue();
			assertThat(other.exitValue()).isNotZero();
			assertThat(Files.readString(this.dataDir.resolve("app-" + otherPort + ".log")))
				.contains("in use by process " + ProcessHandle.current().pid());
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

}
