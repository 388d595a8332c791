package dev.actorspring.it.idempotency;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorException;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.it.fixtures.StorageFaults;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WalletApi;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.runtime.ActorRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Idempotency keys as a user sends them: the {@code Idempotency-Key} header, the WebSocket {@code idempotencyKey},
 * {@code ActorHandle.withIdempotencyKey} and {@code @IdempotencyKey} proxy parameters. A retried call is applied
 * once and answered as the first time; the outcome is kept in the actor's file (it outlives the instance's sleep).
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.idempotency.max-keys=3")
@Import(StorageFaults.class)
class IdempotencyTests {

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

	@Autowired
	ActorRuntime runtime;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void aRetryWithTheSameKeyIsAnsweredAsTheFirstCallWithoutRunningTheActionAgain() {
		HttpActorClient rest = new HttpActorClient(this.port);
		Response first = post(rest, "/actors/ledger/l1/actions/add", "[5,\"rent\"]", "order-1");
		Response retry = post(rest, "/actors/ledger/l1/actions/add", "[5,\"rent\"]", "order-1");
		assertThat(first.status()).isEqualTo(200);
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo(first.body()).isEqualTo("{\"output\":1}");
		assertThat(rest.call("ledger", "l1", "rows").asLong()).as("rows written").isEqualTo(1);
		assertThat(post(rest, "/actors/ledger/l1/actions/add", "[5,\"rent\"]", "order-2").body())
			.as("another key is another call").isEqualTo("{\"output\":2}");
		assertThat(post(rest, "/actors/ledger/l1/actions/add", "[5,\"rent\"]", null).body()).isEqualTo("{\"output\":3}");

		// kept in the file: the instance sleeps and wakes from it
		this.runtime.sleep("ledger", "l1").join();
		assertThat(post(rest, "/actors/ledger/l1/actions/add", "[5,\"rent\"]", "order-1").body())
			.isEqualTo("{\"output\":1}");
		assertThat(rest.call("ledger", "l1", "rows").asLong()).isEqualTo(3);
		assertThat(replays("ledger")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void theSameKeyForAnotherActionOrOtherArgumentsIsRefusedWith422() {
		HttpActorClient rest = new HttpActorClient(this.port);
		assertThat(post(rest, "/actors/wallet/w1/actions/deposit", "[10]", "dep-1").body()).isEqualTo("{\"output\":10}");
		Response otherArgs = post(rest, "/actors/wallet/w1/actions/deposit", "[11]", "dep-1");
		assertThat(otherArgs.status()).isEqualTo(422);
		assertThat(otherArgs.json().get("code").asString()).isEqualTo("idempotency_key_reused");
		assertThat(otherArgs.json().get("group").asString()).isEqualTo("request");
		Response otherAction = post(rest, "/actors/wallet/w1/actions/withdraw", "[10]", "dep-1");
		assertThat(otherAction.status()).isEqualTo(422);
		assertThat(rest.call("wallet", "w1", "state").get("balance").asLong()).isEqualTo(10);

		// the same object with its properties in another order, and a number written otherwise, is the same call
		assertThat(post(rest, "/actors/wallet/w1/actions/transfer", "[{\"amount\":5,\"note\":\"a\"}]", "tr-1").body())
			.isEqualTo("{\"output\":15}");
		assertThat(post(rest, "/actors/wallet/w1/actions/transfer", "[{\"note\":\"a\",\"amount\":5.0}]", "tr-1").body())
			.isEqualTo("{\"output\":15}");
		assertThat(rest.call("wallet", "w1", "state").get("operations").asLong()).isEqualTo(2);
	}

	@Test
	void aRefusalIsTheCallsOutcomeButAFailureIsNotKept() {
		HttpActorClient rest = new HttpActorClient(this.port);
		Response refused = post(rest, "/actors/wallet/w2/actions/withdraw", "[30]", "wd-1");
		assertThat(refused.status()).isEqualTo(409);
		rest.call("wallet", "w2", "deposit", 100);
		Response retried = post(rest, "/actors/wallet/w2/actions/withdraw", "[30]", "wd-1");
		assertThat(retried.status()).as("the kept refusal, although the balance would now allow it").isEqualTo(409);
		assertThat(retried.body()).isEqualTo(refused.body());
		assertThat(retried.json().get("code").asString()).isEqualTo("insufficient_funds");
		assertThat(post(rest, "/actors/wallet/w2/actions/withdraw", "[30]", "wd-2").body()).isEqualTo("{\"output\":70}");

		// a 500 kept nothing of its turn, so its retry runs again (and fails again)
		assertThat(post(rest, "/actors/wallet/w2/actions/failInternally", "[]", "bug-1").status()).isEqualTo(500);
		assertThat(post(rest, "/actors/wallet/w2/actions/failInternally", "[]", "bug-1").status()).isEqualTo(500);
		assertThat(replays("wallet")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void authorizationRefusalsAreNotKeptSinceTheyMayNotHoldOnARetry() {
		HttpActorClient rest = new HttpActorClient(this.port);
		rest.call("wallet", "w7", "lock", true);
		assertThat(post(rest, "/actors/wallet/w7/actions/guarded", "[]", "g-1").status()).isEqualTo(403);
		rest.call("wallet", "w7", "lock", false);
		assertThat(post(rest, "/actors/wallet/w7/actions/guarded", "[]", "g-1").body()).isEqualTo("{\"output\":1}");
		assertThat(post(rest, "/actors/wallet/w7/actions/guarded", "[]", "g-1").body()).isEqualTo("{\"output\":1}");
	}

	@Test
	void keysAreScopedByCallerSoThatOneCannotReadOrBlockAnothersCall() {
		Principal alice = () -> "alice";
		Principal bob = () -> "bob";
		JsonNode args = JsonMapper.builder().build().readTree("[10]");
		assertThat(new String(this.runtime.call("wallet", "w8", "deposit", args, alice, "shared-1").join()))
			.isEqualTo("10");
		assertThat(new String(this.runtime.call("wallet", "w8", "deposit", args, bob, "shared-1").join()))
			.as("bob's call with the same key is his own").isEqualTo("20");
		assertThat(new String(this.runtime.call("wallet", "w8", "deposit", args, alice, "shared-1").join()))
			.as("alice's retry").isEqualTo("10");
		assertThat(new String(this.runtime.call("wallet", "w8", "deposit", args, null, "shared-1").join()))
			.as("server code is a caller of its own").isEqualTo("30");
	}

	@Test
	void aReplayFromTheFileWaitsForACommitThatConfirmsIt() {
		HttpActorClient rest = new HttpActorClient(this.port);
		StorageFaults.UNCONFIRM_NEXT_COMMIT.set(true);
		Response unconfirmed = post(rest, "/actors/wallet/w9/actions/deposit", "[4]", "c-1");
		assertThat(unconfirmed.status()).isEqualTo(503);
		assertThat(unconfirmed.json().get("code").asString()).isEqualTo("commit_unconfirmed");
		// the outcome is in the file; its replay is answered only once a commit confirmed the file
		StorageFaults.FAIL_NEXT_COMMIT.set(true);
		Response refused = post(rest, "/actors/wallet/w9/actions/deposit", "[4]", "c-1");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo("storage_failed");
		assertThat(post(rest, "/actors/wallet/w9/actions/deposit", "[4]", "c-1").body()).isEqualTo("{\"output\":4}");
		assertThat(rest.call("wallet", "w9", "state").get("balance").asLong()).isEqualTo(4);
	}

	@Test
	void aDuplicateThatArrivesWhileTheFirstCallRunsGetsItsOutcome() {
		HttpActorClient rest = new HttpActorClient(this.port);
		CompletableFuture<Response> first = CompletableFuture
			.supplyAsync(() -> post(rest, "/actors/slow/s1/actions/work", "[400]", "job-1"));
		CompletableFuture<Response> duplicate = CompletableFuture
			.supplyAsync(() -> post(rest, "/actors/slow/s1/actions/work", "[400]", "job-1"));
		assertThat(first.join().body()).isEqualTo("{\"output\":1}");
		assertThat(duplicate.join().body()).isEqualTo("{\"output\":1}");
		assertThat(rest.call("slow", "s1", "count").asLong()).isEqualTo(1);
	}

	@Test
	void onlyTheMostRecentKeysAreKept() {
		HttpActorClient rest = new HttpActorClient(this.port);
		for (int i = 1; i <= 4; i++) {
			post(rest, "/actors/wallet/w3/actions/deposit", "[1]", "k" + i);
		}
		assertThat(post(rest, "/actors/wallet/w3/actions/deposit", "[1]", "k4").body()).isEqualTo("{\"output\":4}");
		assertThat(post(rest, "/actors/wallet/w3/actions/deposit", "[1]", "k1").body())
			.as("k1 was the oldest of four, with actor.idempotency.max-keys=3").isEqualTo("{\"output\":5}");
	}

	@Test
	void anInvalidKeyIsRefusedBeforeAnythingRuns() {
		HttpActorClient rest = new HttpActorClient(this.port);
		for (String key : List.of("has space", "x".repeat(256), "")) {
			Response response = rest.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actors/wallet/w4/actions/deposit"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}")));
			assertThat(response.status()).as(key).isEqualTo(400);
			assertThat(response.json().get("code").asString()).isEqualTo("invalid_idempotency_key");
		}
		assertThat(rest.call("wallet", "w4", "state").get("operations").asLong()).isZero();
	}

	@Test
	void handlesAndProxiesCarryTheKey() {
		assertThat(this.client.get("wallet", "w5").withIdempotencyKey("h-1").call(Long.class, "deposit", 7).join())
			.isEqualTo(7L);
		assertThat(this.client.get("wallet", "w5").withIdempotencyKey("h-1").call(Long.class, "deposit", 7).join())
			.isEqualTo(7L);
		WalletApi wallet = this.client.proxy(WalletApi.class, "w5");
		assertThat(wallet.deposit("p-1", 3)).isEqualTo(10L);
		assertThat(wallet.deposit("p-1", 3)).isEqualTo(10L);
		assertThat(wallet.deposit(null, 3)).as("no key").isEqualTo(13L);
		assertThat(this.client.get("wallet", "w5").call(Long.class, "withdraw", 0).join()).isEqualTo(13L);
		assertThatThrownBy(() -> this.client.get("wallet", "w5").withIdempotencyKey("p-1").call("deposit", 4).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(ActorException.class,
					(ex) -> assertThat(ex.code()).isEqualTo("idempotency_key_reused"));
		assertThatThrownBy(() -> this.client.get("wallet", "w5").withIdempotencyKey(""))
			.isInstanceOfSatisfying(ActorException.class,
					(ex) -> assertThat(ex.code()).isEqualTo("invalid_idempotency_key"));
	}

	@Test
	void webSocketActionRequestsCarryTheKey() {
		try (WebSocketTestClient socket = WebSocketTestClient.connect(this.port, "wallet", "w6", null)) {
			socket.next(); // Init
			String request = "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":%d,\"name\":\"deposit\",\"args\":[20],"
					+ "\"idempotencyKey\":%s}}}";
			socket.send(request.formatted(1, "\"ws-1\""));
			socket.send(request.formatted(2, "\"ws-1\""));
			socket.send(request.formatted(3, "\"caf\u00e9\""));
			// the invalid key is refused before the call reaches the actor, so its Error may come first
			Map<Long, JsonNode> byId = new HashMap<>();
			for (int i = 0; i < 3; i++) {
				JsonNode frame = socket.next();
				byId.put(frame.at("/body/val/id").isMissingNode() ? frame.at("/body/val/actionId").asLong()
						: frame.at("/body/val/id").asLong(), frame);
			}
			JsonNode one = byId.get(1L);
			JsonNode two = byId.get(2L);
			JsonNode three = byId.get(3L);
			assertThat(one.at("/body/tag").asString()).isEqualTo("ActionResponse");
			assertThat(one.at("/body/val/output").asLong()).isEqualTo(20);
			assertThat(two.at("/body/val/id").asLong()).isEqualTo(2);
			assertThat(two.at("/body/val/output").asLong()).isEqualTo(20);
			assertThat(three.at("/body/tag").asString()).isEqualTo("Error");
			assertThat(three.at("/body/val/code").asString()).isEqualTo("invalid_idempotency_key");
		}
		assertThat(new HttpActorClient(this.port).call("wallet", "w6", "state").get("balance").asLong()).isEqualTo(20);
	}

	private static Response post(HttpActorClient rest, String path, String args, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest.base() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"args\":" + args + "}"));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return rest.send(request);
	}

	private double replays(String actor) {
		return this.meterRegistry.get("actor.idempotency.replays").tag("actor.type", actor).counter().count();
	}

}
