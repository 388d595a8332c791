package dev.actorspring.it.observability;

import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code actor.observations.enabled=true} (by default only with Micrometer Tracing, absent here), each action
 * runs inside an actor.turn Observation with low-cardinality keys only.
 */
@SpringBootTest(classes = { TestActorApplication.class, ObservationTests.Recording.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "actor.observations.enabled=true")
class ObservationTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	Recording recording;

	@Test
	void actionsAreObservedWithTypeAndActionButNeverTheKey() {
		this.recording.stopped.clear();
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("counter", "secret-key-1", "increment", 1);
		client.post("/actors/counter/secret-key-1/actions/incrementThenFail", "");
		List<Observation.Context> turns = this.recording.stopped.stream()
			.filter((context) -> "actor.turn".equals(context.getName()))
			.toList();
		assertThat(turns).hasSize(2);
		Observation.Context ok = turns.get(0);
		assertThat(ok.getLowCardinalityKeyValue("actor.type").getValue()).isEqualTo("counter");
		assertThat(ok.getLowCardinalityKeyValue("actor.action").getValue()).isEqualTo("increment");
		assertThat(ok.getContextualName()).isEqualTo("counter increment");
		assertThat(ok.getError()).isNull();
		assertThat(turns.get(1).getError()).isInstanceOf(IllegalStateException.class);
		for (Observation.Context context : turns) {
			assertThat(context.getAllKeyValues().toString()).doesNotContain("secret-key-1");
		}
	}

	@Test
	void aTurnIsAChildOfItsCallerAcrossMailboxesFromTheHttpRequestOn() {
		this.recording.stopped.clear();
		new HttpActorClient(this.port).call("relay", "r1", "forward", "relayed-1");
		Observation.Context relay = turn("relay");
		Observation.Context counter = turn("counter");
		assertThat(counter.getParentObservation()).as("the counter's turn runs for the relay's")
			.isNotNull()
			.satisfies((parent) -> assertThat(parent.getContextView().getContextualName()).isEqualTo("relay forward"));
		assertThat(relay.getParentObservation()).as("the relay's turn runs for the HTTP request").isNotNull();
		assertThat(relay.getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
	}

	private Observation.Context turn(String actorType) {
		return this.recording.stopped.stream()
			.filter((context) -> "actor.turn".equals(context.getName())
					&& actorType.equals(context.getLowCardinalityKeyValue("actor.type").getValue()))
			.reduce((first, last) -> last)
			.orElseThrow();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
