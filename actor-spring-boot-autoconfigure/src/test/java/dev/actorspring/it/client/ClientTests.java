package dev.actorspring.it.client;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.Counter;
import dev.actorspring.it.fixtures.CounterApi;
import dev.actorspring.it.fixtures.MapReduce;
import dev.actorspring.it.fixtures.TestActorApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.ActorHandle;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The injectable ActorClient, typed proxies, actor-to-actor calls, fan-out/fan-in and the cycle rule. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorClient client;

	@Test
	void callConvertsArgumentsAndResults() {
		assertThat(this.client.get("counter", "c1").call(Long.class, "increment", 5).join()).isEqualTo(5L);
		assertThat(this.client.get(Counter.class, "c1").call(Long.class, "increment", 2).join()).isEqualTo(7L);
		Object raw = this.client.get("library", "lib").call("snapshot").join();
		assertThat(raw).isInstanceOf(java.util.Map.class);
		assertThat(((java.util.Map<?, ?>) raw).get("owner")).isEqualTo("nobody");
		assertThat(new HttpActorClient(this.port).call("counter", "c1", "get").asLong()).isEqualTo(7);
	}

	@Test
	void errorsReachTheCallerWithTheirCodes() {
		assertThatThrownBy(() -> this.client.get("counter", "c2").call(Long.class, "refuse").join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(ActorException.class)
			.hasMessage("This counter refuses.");
		assertThatThrownBy(() -> this.client.get("counter", "c2").call(Long.class, "increment", "x").join())
			.cause()
			.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("invalid_arguments"));
		assertThatThrownBy(() -> this.client.get("nope", "c2").call("x").join()).cause()
			.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("actor_type_not_found"));
	}

	@Test
	void tellDoesNotWaitAndIsApplied() {
		for (int i = 0; i < 10; i++) {
			this.client.get("counter", "told").tell("increment", 1);
		}
		await("ten told increments").atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get("counter", "told").call(Long.class, "get").join() >= 10);
		assertThat(this.client.get("counter", "told").call(Long.class, "get").join()).isEqualTo(10L);
	}

	@Test
	void typedProxiesCallActionsByMethodName() {
		CounterApi counter = this.client.proxy(CounterApi.class, "typed");
		assertThat(counter.increment(3)).isEqualTo(3);
		assertThat(counter.increment(4)).isEqualTo(7);
		assertThat(counter.current().join()).isEqualTo(7L);
		assertThatThrownBy(counter::refuse).isInstanceOf(ActorException.class).hasMessage("This counter refuses.");
		assertThat(counter.toString()).contains("counter/typed");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.proxy(Broken.class, "counter", "x"))
			.withMessageContaining("has no action 'missing'");
	}

	@Test
	void mapReduceFansOutToWorkersAndFansInTheirResults() {
		List<MapReduce.Task> tasks = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			tasks.add(new MapReduce.Task("task-" + i, "data " + i));
		}
		HttpActorClient rest = new HttpActorClient(this.port);
		assertThat(rest.call("coordinator", "main", "startJob", tasks).asInt()).isEqualTo(20);
		JsonNode results = rest.call("coordinator", "main", "getResults");
		assertThat(results).hasSize(20);
		List<String> outputs = new ArrayList<>();
		results.forEach((result) -> outputs.add(result.get("output").asString()));
		assertThat(outputs).contains("Processed data 0", "Processed data 19");
	}

	@Test
	void aCallCycleFailsFastWithAClearError() {
		HttpActorClient rest = new HttpActorClient(this.port);
		assertThat(rest.call("cycle", "b", "hello").asString()).isEqualTo("hello from b");
		Response cycle = rest.post("/actors/cycle/a/actions/ping", "{\"args\":[\"b\"]}");
		assertThat(cycle.status()).isEqualTo(409);
		assertThat(cycle.json().get("code").asString()).isEqualTo("call_cycle");
		assertThat(cycle.json().get("message").asString()).contains("cycle/a").contains("tell()");
		Response self = rest.post("/actors/cycle/a/actions/callSelf", "");
		assertThat(self.status()).isEqualTo(409);
		assertThat(rest.call("cycle", "a", "pingTell", "a").asString()).isEqualTo("sent");
		assertThat(rest.call("cycle", "a", "hello").asString()).isEqualTo("hello from a");
	}

	@Test
	void aContinuationThatCallsTheSameActorAgainIsNotStuckBehindIt() throws Exception {
		ActorHandle slow = this.client.get("slow", "chained");
		// the first call is still running when the continuation is attached, so the continuation runs when it completes
		CompletableFuture<Long> chained = slow.call(Long.class, "work", 300)
			.thenApply((first) -> slow.call(Long.class, "work", 0).join());
		assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo(2L);
	}

	@Test
	void aContinuationOfATimedOutCallDoesNotHoldUpOtherTimeouts() throws Exception {
		ActorHandle first = this.client.get("slow", "late-1");
		ActorHandle second = this.client.get("slow", "late-2");
		// both actions answer their callers within 200 ms at most; the work takes longer
		CompletableFuture<String> outcome = first.call(Long.class, "hurried", 500).handle((count, failure) -> {
			try {
				return "second answered " + second.call(Long.class, "hurried", 3000).join();
			}
			catch (CompletionException ex) {
				return "second: " + ((ActorException) ex.getCause()).code();
			}
		});
		assertThat(outcome.get(2, TimeUnit.SECONDS)).isEqualTo("second: action_timed_out");
	}

	interface Broken {

		void missing();

	}

}
