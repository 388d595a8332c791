package dev.actorspring.it.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.it.fixtures.StorageFaults;
import dev.actorspring.it.fixtures.StoredStates;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.runtime.ActorRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a caller is told about a commit is what the file holds: a refused commit ({@code storage_failed}) leaves
 * nothing in the file, state and rows alike, and nothing that fails after a commit (a metrics listener) turns it
 * into a refusal. Faults come from {@link StorageFaults}: a store whose next commit fails, a listener that throws.
 */
@SpringBootTest(classes = { TestActorApplication.class, StorageFaults.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageFailureTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorRuntime runtime;

	@AfterEach
	void noFaults() {
		StorageFaults.FAIL_NEXT_COMMIT.set(false);
		StorageFaults.LISTENER_THROWS.set(false);
		StorageFaults.UNCONFIRM_NEXT_COMMIT.set(false);
		StorageFaults.FAIL_NEXT_SQL_CONNECTION.set(false);
		StorageFaults.REFUSE_NEXT_DELETE.set(false);
		StorageFaults.FAIL_NEXT_DELETE.set(false);
		CompletableFuture<Void> left;
		while ((left = StorageFaults.DEFERRED_CONFIRMATIONS.poll()) != null) {
			left.complete(null);
		}
	}

	/**
	 * A store that confirms its commits after they return (cluster mode confirms one once its replica acknowledged
	 * the copy): the actor goes on with its next calls meanwhile; each caller is answered once its commit and every
	 * commit before it are confirmed, in order; a read waits behind a change not confirmed yet; a commit whose
	 * confirmation fails answers {@code commit_unconfirmed}, and the file keeps it.
	 */
	@Test
	void commitsConfirmedLaterAreAnsweredInOrderOnceConfirmedWhileTheActorGoesOn() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		BlockingQueue<CompletableFuture<Void>> confirmations = StorageFaults.DEFERRED_CONFIRMATIONS;
		String increment = "/actors/counter/deferred-counter/actions/increment";
		CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> client.post(increment, "{\"args\":[1]}"));
		CompletableFuture<Void> firstCopy = confirmations.poll(10, TimeUnit.SECONDS);
		assertThat(firstCopy).as("the first call's commit is written").isNotNull();
		CompletableFuture<Response> second = CompletableFuture
			.supplyAsync(() -> client.post(increment, "{\"args\":[10]}"));
		CompletableFuture<Void> secondCopy = confirmations.poll(10, TimeUnit.SECONDS);
		assertThat(secondCopy).as("the actor ran the second call while the first commit waited for its confirmation")
			.isNotNull();
		CompletableFuture<Response> read = CompletableFuture
			.supplyAsync(() -> client.post("/actors/counter/deferred-counter/actions/get", ""));
		Thread.sleep(300);
		assertThat(first).as("not answered before its commit is confirmed").isNotDone();
		assertThat(second).isNotDone();
		assertThat(read).as("a read waits behind changes not confirmed yet").isNotDone();
		secondCopy.complete(null);
		Thread.sleep(300);
		assertThat(second).as("not answered before the commit before it is confirmed").isNotDone();
		assertThat(read).isNotDone();
		firstCopy.complete(null);
		assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"output\":1}");
		assertThat(second.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"output\":11}");
		assertThat(read.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"output\":11}");

		CompletableFuture<Response> third = CompletableFuture
			.supplyAsync(() -> client.post(increment, "{\"args\":[100]}"));
		CompletableFuture<Void> thirdCopy = confirmations.poll(10, TimeUnit.SECONDS);
		assertThat(thirdCopy).isNotNull();
		thirdCopy.completeExceptionally(new StateStoreException("The replica did not answer (simulated)", null));
		Response unconfirmed = third.get(10, TimeUnit.SECONDS);
		assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(503);
		assertThat(unconfirmed.json().get("code").asString()).isEqualTo("commit_unconfirmed");
		assertThat(client.call("counter", "deferred-counter", "get").asLong()).as("the file keeps it").isEqualTo(111);
		assertThat(StoredStates.read(dataDir, "counter", "deferred-counter").get("count").asLong()).isEqualTo(111);
	}

	@Test
	void aDestroyWhoseDeleteIsRefusedAnswers503AndTheActorStays() {
		assertADestroyAnswers503AndTheActorStays("refused-destroy", StorageFaults.REFUSE_NEXT_DELETE, "destroy_unconfirmed");
	}

	@Test
	void aDestroyWhoseDeleteFailsAnswers503AndTheActorStays() {
		assertADestroyAnswers503AndTheActorStays("failed-destroy", StorageFaults.FAIL_NEXT_DELETE, "storage_failed");
	}

	private void assertADestroyAnswers503AndTheActorStays(String key, java.util.concurrent.atomic.AtomicBoolean fault,
			String code) {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("counter", key, "increment", 7).asLong()).isEqualTo(7);
		fault.set(true);
		Response refused = client.send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create(client.base() + "/actors/counter/" + key)).DELETE());
		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo(code);
		assertThat(client.get("/actors/counter/" + key).status()).as("the actor stays").isEqualTo(200);
		assertThat(client.call("counter", key, "get").asLong()).as("with its state").isEqualTo(7);
		assertThat(StoredStates.file(dataDir, "counter", key)).exists();
	}

	/**
	 * A turn whose SQL connection breaks loses the group's open transaction, with the rows of the turns before it:
	 * those turns must not be answered as committed. Every add answered 200 is in the rows and the count, and no
	 * other.
	 */
	@Test
	void aConnectionThatBreaksInAGroupFailsTheTurnsWhoseRowsItLost() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		java.util.concurrent.CompletableFuture<Response> first = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> client.post("/actors/ledger/broken/actions/addSlowly", "{\"args\":[1,\"first\",600]}"));
		Thread.sleep(200); // the first call has its row in the group's transaction and sleeps
		StorageFaults.FAIL_NEXT_SQL_CONNECTION.set(true);
		Response second = client.post("/actors/ledger/broken/actions/add", "{\"args\":[2,\"second\"]}");
		assertThat(second.status()).as(second.body()).isEqualTo(503);
		assertThat(second.json().get("code").asString()).isEqualTo("storage_failed");
		Response firstAnswer = first.join();
		long answered = (firstAnswer.status() == 200) ? 1 : 0;
		assertThat(client.call("ledger", "broken", "rows").asLong()).as("rows, against %s", firstAnswer.body())
			.isEqualTo(answered);
		assertThat(client.call("ledger", "broken", "state").get("count").asLong()).isEqualTo(answered);
		assertThat(firstAnswer.status()).as("the first call lost its row with the group").isEqualTo(503);
	}

	@Test
	void anActionWhoseCommitFailsDoesNotDestroyItsActor() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("ephemeral", "kept", "visit").asInt()).isEqualTo(1);
		StorageFaults.FAIL_NEXT_COMMIT.set(true);
		Response refused = client.post("/actors/ephemeral/kept/actions/visitAndDestroy", "");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo("storage_failed");
		assertThat(StoredStates.file(dataDir, "ephemeral", "kept")).exists();
		assertThat(StoredStates.read(dataDir, "ephemeral", "kept").get("visits").asInt()).isEqualTo(1);
		assertThat(client.call("ephemeral", "kept", "visits").asInt()).isEqualTo(1);

		assertThat(client.call("ephemeral", "kept", "visitAndDestroy").asInt()).isEqualTo(2);
		assertThat(client.get("/actors/ephemeral/kept").status()).isEqualTo(404);
		await("the file to be deleted").atMost(Duration.ofSeconds(10))
			.until(() -> !StoredStates.file(dataDir, "ephemeral", "kept").toFile().exists());
	}

	@Test
	void aTransactionThatSqliteRollsBackByItselfFailsItsGroupAndLeavesTheFileAsItWas() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("ledger", "rolled", "add", 10, "kept").asLong()).isEqualTo(1);
		Response lost = client.post("/actors/ledger/rolled/actions/addThenLoseTheTransaction", "{\"args\":[5]}");
		assertThat(lost.status()).as(lost.body()).isEqualTo(503);
		assertThat(lost.json().get("code").asString()).isEqualTo("storage_failed");
		assertThat(StoredStates.read(dataDir, "ledger", "rolled").get("count").asLong()).as("the file's state")
			.isEqualTo(1);
		assertThat(client.call("ledger", "rolled", "state").get("count").asLong()).isEqualTo(1);
		assertThat(client.call("ledger", "rolled", "rows").asLong()).isEqualTo(1);
		assertThat(client.call("ledger", "rolled", "add", 7, "next").asLong()).isEqualTo(2);
		assertThat(client.call("ledger", "rolled", "sum").asLong()).isEqualTo(17);
		assertThat(StoredStates.read(dataDir, "ledger", "rolled").get("count").asLong()).isEqualTo(2);
	}

	@Test
	void noSqlRunsAfterSqliteRolledTheTransactionBackByItself() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("ledger", "rolled-then", "add", 10, "kept").asLong()).isEqualTo(1);
		Response lost = client.post("/actors/ledger/rolled-then/actions/loseTheTransactionThenAdd", "{\"args\":[5]}");
		assertThat(lost.status()).as(lost.body()).isEqualTo(503);
		assertThat(lost.json().get("code").asString()).isEqualTo("storage_failed");
		assertThat(client.call("ledger", "rolled-then", "rows").asLong()).as("no row committed on its own").isEqualTo(1);
		assertThat(client.call("ledger", "rolled-then", "sum").asLong()).isEqualTo(10);
		assertThat(StoredStates.read(dataDir, "ledger", "rolled-then").get("count").asLong()).isEqualTo(1);
	}

	@Test
	void aHookWhoseCommitFailsDoesNotDestroyItsActor() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("ephemeral", "hooked", "visit").asInt()).isEqualTo(1);
		StorageFaults.FAIL_NEXT_COMMIT.set(true);
		// @OnConnect counts a visit and asks for the end; its commit fails, so neither takes place
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "ephemeral", "hooked", "\"leave\"")) {
			ws.next();
		}
		assertThat(client.call("ephemeral", "hooked", "visits").asInt()).isEqualTo(1);
		assertThat(client.get("/actors/ephemeral/hooked").status()).isEqualTo(200);
		assertThat(StoredStates.read(dataDir, "ephemeral", "hooked").get("visits").asInt()).isEqualTo(1);
	}

	@Test
	void aPublicationWhoseCommitFailsIsRefusedAndNeverConsumed() {
		HttpActorClient client = new HttpActorClient(this.port);
		Response first = client.post("/actors/inbox/failing-queue/queues/orders",
				"{\"body\":{\"item\":\"first\",\"quantity\":1},\"wait\":true}");
		assertThat(first.body()).isEqualTo("{\"status\":\"completed\",\"response\":\"handled first on attempt 1\"}");
		StorageFaults.FAIL_NEXT_COMMIT.set(true);
		Response refused = client.post("/actors/inbox/failing-queue/queues/orders",
				"{\"body\":{\"item\":\"lost\",\"quantity\":1},\"wait\":true}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo("storage_failed");
		Response next = client.post("/actors/inbox/failing-queue/queues/orders",
				"{\"body\":{\"item\":\"next\",\"quantity\":1},\"wait\":true}");
		assertThat(next.body()).as("the queue goes on from what its file holds")
			.isEqualTo("{\"status\":\"completed\",\"response\":\"handled next on attempt 1\"}");
		assertThat(client.call("inbox", "failing-queue", "state").get("handled").toString())
			.as("the refused message was never consumed").isEqualTo("[\"first\",\"next\"]");
		assertThat(client.call("inbox", "failing-queue", "queue", "orders").get("size").asInt()).isZero();
	}

	@Test
	void aRefusedCommitLeavesNeitherStateNorRowsInTheFile() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("ledger", "l", "add", 10, "kept");
		StorageFaults.FAIL_NEXT_COMMIT.set(true);
		Response refused = client.post("/actors/ledger/l/actions/add", "{\"args\":[5,\"refused\"]}");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(client.call("ledger", "l", "rows").asLong()).isEqualTo(1);
		assertThat(client.call("ledger", "l", "state").get("total").asLong()).isEqualTo(10);
		this.runtime.sleep("ledger", "l").join();
		assertThat(StoredStates.query(dataDir, "ledger", "l", "SELECT note FROM entries")).containsExactly("kept");
		assertThat(client.call("ledger", "l", "rows").asLong()).isEqualTo(1);
		assertThat(client.call("ledger", "l", "state").get("total").asLong()).isEqualTo(10);
	}

	@Test
	void aCommitWrittenButNotConfirmedIsSaidToBeUnknownAndTheInstanceGoesOnFromTheFile() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("ledger", "u", "add", 10, "kept");
		StorageFaults.UNCONFIRM_NEXT_COMMIT.set(true);
		Response unknown = client.post("/actors/ledger/u/actions/add", "{\"args\":[5,\"unconfirmed\"]}");
		assertThat(unknown.status()).isEqualTo(503);
		assertThat(unknown.json().get("code").asString()).isEqualTo("commit_unconfirmed");
		assertThat(unknown.retryAfter()).as("no invitation to resend a change that may be kept").isNull();
		// the instance holds what its file holds, state and rows alike, before and after a reload
		assertThat(client.call("ledger", "u", "rows").asLong()).isEqualTo(2);
		assertThat(client.call("ledger", "u", "state").get("total").asLong()).isEqualTo(15);
		assertThat(client.call("ledger", "u", "add", 1, "after").asLong()).as("count").isEqualTo(3);
		this.runtime.sleep("ledger", "u").join();
		assertThat(StoredStates.query(dataDir, "ledger", "u", "SELECT note FROM entries ORDER BY rowid"))
			.containsExactly("kept", "unconfirmed", "after");
		assertThat(client.call("ledger", "u", "state").get("total").asLong()).isEqualTo(16);
	}

	@Test
	void aListenerThatFailsAfterTheCommitDoesNotTurnItIntoARefusal() {
		HttpActorClient client = new HttpActorClient(this.port);
		StorageFaults.LISTENER_THROWS.set(true);
		Response answered = client.post("/actors/counter/listened/actions/increment", "{\"args\":[3]}");
		assertThat(answered.status()).isEqualTo(200);
		assertThat(answered.body()).isEqualTo("{\"output\":3}");
		assertThat(client.call("counter", "listened", "increment", 4).asLong()).isEqualTo(7);
		StorageFaults.LISTENER_THROWS.set(false);
		this.runtime.sleep("counter", "listened").join();
		assertThat(StoredStates.read(dataDir, "counter", "listened").get("count").asLong()).isEqualTo(7);
		assertThat(client.call("counter", "listened", "get").asLong()).isEqualTo(7);
	}

}
