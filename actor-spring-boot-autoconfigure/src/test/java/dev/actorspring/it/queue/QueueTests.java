package dev.actorspring.it.queue;

import java.nio.file.Path;
import java.security.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.ActorHandle;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.it.fixtures.Inbox;
import dev.actorspring.it.fixtures.StoredStates;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.listener.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Durable queues, published over REST and with ActorClient, consumed one message per turn. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorClient actors;

	@Autowired
	ActorRuntime runtime;

	@Test
	void aMessageIsAcknowledgedOnceInTheFileThenConsumedInATurnThatCommitsWithItsRemoval() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "inbox", "q1", null)) {
			ws.next();
			ws.subscribe("handled");
			Response queued = client.post("/actors/inbox/q1/queues/orders", "{\"body\":{\"item\":\"apple\",\"quantity\":2}}");
			assertThat(queued.status()).as(queued.body()).isEqualTo(202);
			assertThat(queued.json().get("status").asString()).isEqualTo("queued");
			assertThat(queued.json().get("id").asLong()).isPositive();
			JsonNode handled = ws.next();
			assertThat(handled.at("/body/val/name").asString()).as(handled.toString()).isEqualTo("handled");
			assertThat(handled.at("/body/val/args/0").asString()).isEqualTo("apple");
		}
		assertThat(client.call("inbox", "q1", "state").get("handled").toString()).isEqualTo("[\"apple\"]");
		assertThat(client.call("inbox", "q1", "rows").asLong()).as("the consumer's SQL row").isEqualTo(1);
		assertThat(client.call("inbox", "q1", "queue", "orders").get("size").asInt()).isZero();
		try (Connection file = DriverManager.getConnection("jdbc:sqlite:" + StoredStates.file(dataDir, "inbox", "q1"));
				ResultSet rows = file.createStatement().executeQuery("SELECT COUNT(*) FROM _queue")) {
			rows.next();
			assertThat(rows.getLong(1)).as("the message left the file with its consumption").isZero();
		}
		this.runtime.sleep("inbox", "q1").join();
		assertThat(StoredStates.indexedSchedules(dataDir)).as("asleep with nothing due: nothing wakes it after a restart")
			.doesNotContain("inbox/q1");
	}

	@Test
	void aPublisherCanWaitForTheConsumersAnswer() {
		Response completed = new HttpActorClient(this.port).post("/actors/inbox/q2/queues/orders",
				"{\"body\":{\"item\":\"pear\",\"quantity\":1},\"wait\":true}");
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		assertThat(completed.body()).isEqualTo("{\"status\":\"completed\",\"response\":\"handled pear on attempt 1\"}");
		ActorHandle inbox = this.actors.get("inbox", "q2");
		assertThat(inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("flaky plum", 3)).join())
			.as("a failed attempt is retried, and the publisher waits through it")
			.isEqualTo("handled flaky plum on attempt 2");
		assertThat(inbox.enqueue("orders", new Inbox.Order("fig", 1)).join()).isPositive();
		await("the fig").atMost(Duration.ofSeconds(10))
			.until(() -> inbox.call("state").join().toString().contains("fig"));
		assertThat(inbox.call(Long.class, "rows").join()).isEqualTo(3);
	}

	@Test
	void anActorPublishesToAnotherActorsQueue() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("inbox", "q6", "forward", "q7", java.util.Map.of("item", "parcel", "quantity", 2)).asLong())
			.isPositive();
		await("the other inbox to consume it").atMost(Duration.ofSeconds(10))
			.until(() -> client.call("inbox", "q7", "state").get("handled").toString().equals("[\"parcel\"]"));
		assertThat(client.call("inbox", "q6", "state").get("handled")).as("not the sender's").isEmpty();
	}

	@Test
	void anActorCannotPublishToItsOwnQueueFromItsTurn() {
		// the publication would be answered after this very turn's commit: joining it would hang the actor
		Response refused = new HttpActorClient(this.port).post("/actors/inbox/q9/actions/forward",
				"{\"args\":[\"q9\",{\"item\":\"boomerang\",\"quantity\":1}]}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("call_cycle");
		assertThat(new HttpActorClient(this.port).call("inbox", "q9", "queue", "orders").get("size").asInt()).isZero();
	}

	@Test
	void theConsumersTurnRunsAsThePublisherAndKeysAreRefused() {
		Principal alice = () -> "alice";
		assertThat(new String(this.runtime.enqueue("inbox", "q10", "signed",
				tools.jackson.databind.node.StringNode.valueOf("hi"), true, alice).join())).isEqualTo("\"alice: hi\"");
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.post("/actors/inbox/q10/queues/signed", "{\"body\":\"hi\",\"wait\":true}").json()
			.get("response").asString()).isEqualTo("anonymous: hi");
		Response keyed = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(client.base() + "/actors/inbox/q10/queues/signed"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "k-1")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"twice?\"}")));
		assertThat(keyed.status()).as(keyed.body()).isEqualTo(501);
		assertThat(keyed.json().get("code").asString()).isEqualTo("idempotency_not_supported");
		for (String[] keys : new String[][] { { "" }, { "k-1", "k-2" } }) { // blank, and repeated: refused the same way
			java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(client.base() + "/actors/inbox/q10/queues/signed"))
				.header("Content-Type", "application/json");
			for (String key : keys) {
				request.header("Idempotency-Key", key);
			}
			Response refused = client.send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
			assertThat(refused.status()).as(refused.body()).isEqualTo(501);
			assertThat(refused.json().get("code").asString()).isEqualTo("idempotency_not_supported");
		}
		assertThatThrownBy(() -> this.actors.get("inbox", "q10").withIdempotencyKey("k-2").enqueue("signed", "x").join())
			.hasCauseInstanceOf(ActorException.class)
			.cause()
			.extracting((ex) -> ((ActorException) ex).code())
			.isEqualTo("idempotency_not_supported");
		assertThat(client.call("inbox", "q10", "queue", "signed").get("size").asInt()).as("none was queued").isZero();
	}

	@Test
	void deadLettersAreBoundedByTheQueuesCapacity() {
		HttpActorClient client = new HttpActorClient(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(client.post("/actors/inbox/q11/queues/signed", "{\"body\":\"poison-" + i + "\",\"wait\":true}")
				.status()).isEqualTo(500);
		}
		JsonNode dead = client.call("inbox", "q11", "queue", "signed").get("dead");
		assertThat(dead).as("the newest three, the queue's capacity").hasSize(3);
		assertThat(dead.get(0).get("body").asString()).isEqualTo("poison-2");
		assertThat(dead.get(2).get("body").asString()).isEqualTo("poison-4");
	}

	@Test
	void aMessageThatFailsEveryAttemptMovesToTheDeadLetters() {
		ActorHandle inbox = this.actors.get("inbox", "q3");
		assertThatThrownBy(() -> inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("poison", 1)).join())
			.isInstanceOf(CompletionException.class)
			.extracting((ex) -> ((ActorException) ex.getCause()).code())
			.isEqualTo("internal_error");
		JsonNode queue = new HttpActorClient(this.port).call("inbox", "q3", "queue", "orders");
		assertThat(queue.get("size").asInt()).isZero();
		assertThat(queue.get("dead")).hasSize(1);
		assertThat(queue.at("/dead/0/body/item").asString()).isEqualTo("poison");
		assertThat(queue.at("/dead/0/attempts").asInt()).isEqualTo(3);
		assertThat(queue.at("/dead/0/error").asString()).isEqualTo("core/internal_error");
		assertThat(new HttpActorClient(this.port).call("inbox", "q3", "rows").asLong()).as("nothing of it kept").isZero();
		assertThat(this.runtime.deadLetters().recent()).anySatisfy((letter) -> {
			assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.QUEUE_DEAD);
			assertThat(letter.key()).isEqualTo("q3");
			assertThat(letter.target()).isEqualTo("orders");
		});
		assertThat(inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("bread", 1)).join())
			.as("the queue goes on").isEqualTo("handled bread on attempt 1");
	}

	@Test
	void aMessageWhoseSqlMakesSqliteRollTheTransactionBackCountsItsAttemptsAndReachesTheDeadLetters() {
		ActorHandle inbox = this.actors.get("inbox", "q12");
		CompletableFuture<String> doomed = inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("doomed", 1));
		// each attempt loses its group, so the file cannot count it there: it was tried again forever
		assertThatThrownBy(() -> doomed.get(60, java.util.concurrent.TimeUnit.SECONDS))
			.isInstanceOf(java.util.concurrent.ExecutionException.class)
			.extracting((ex) -> ((ActorException) ex.getCause()).code())
			.isEqualTo("storage_failed");
		JsonNode queue = new HttpActorClient(this.port).call("inbox", "q12", "queue", "orders");
		assertThat(queue.get("size").asInt()).isZero();
		assertThat(queue.get("dead")).hasSize(1);
		assertThat(queue.at("/dead/0/body/item").asString()).isEqualTo("doomed");
		assertThat(queue.at("/dead/0/attempts").asInt()).isEqualTo(3);
		assertThat(queue.at("/dead/0/error").asString()).isEqualTo("actor/storage_failed");
		assertThat(inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("bread", 1)).join())
			.as("the queue goes on").isEqualTo("handled bread on attempt 1");
		assertThat(new HttpActorClient(this.port).call("inbox", "q12", "rows").asLong()).isEqualTo(1);
	}

	@Test
	void twoMessagesWhoseSqlMakesSqliteRollTheTransactionBackRunTheirConsumerMaxAttemptsTimesEach() {
		ActorHandle inbox = this.actors.get("inbox", "q13");
		// each loses the group in which the other's attempt was counted: the count is lost with it, and written again
		List<CompletableFuture<String>> doomed = List.of(
				inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("doomed-a", 1)),
				inbox.enqueueAndWait(String.class, "orders", new Inbox.Order("doomed-b", 1)));
		for (CompletableFuture<String> message : doomed) {
			assertThatThrownBy(() -> message.get(60, java.util.concurrent.TimeUnit.SECONDS))
				.isInstanceOf(java.util.concurrent.ExecutionException.class);
		}
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("inbox", "q13", "queue", "orders").get("dead")).hasSize(2);
		assertThat(client.call("inbox", "q13", "tries", "doomed-a").asInt()).as("runs of doomed-a").isEqualTo(3);
		assertThat(client.call("inbox", "q13", "tries", "doomed-b").asInt()).as("runs of doomed-b").isEqualTo(3);
	}

	@Test
	void aFullQueueRefusesNewMessagesWith429() throws Exception {
		ActorHandle inbox = this.actors.get("inbox", "q4");
		HttpActorClient client = new HttpActorClient(this.port);
		// the actor is busy while the publications queue up in its mailbox: the first five fill the queue
		CompletableFuture<Object> busy = inbox.call("block", 1500);
		Thread.sleep(200);
		List<CompletableFuture<Long>> published = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			published.add(inbox.enqueue("orders", new Inbox.Order("item-" + i, i)));
		}
		Thread.sleep(100);
		CompletableFuture<Response> sixth = CompletableFuture
			.supplyAsync(() -> client.post("/actors/inbox/q4/queues/orders", "{\"body\":{\"item\":\"sixth\",\"quantity\":6}}"));
		busy.join();
		published.forEach(CompletableFuture::join);
		Response refused = sixth.join();
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.json().get("group").asString()).isEqualTo("queue");
		assertThat(refused.json().get("code").asString()).isEqualTo("full");
		assertThat(refused.retryAfter()).isEqualTo("1");
		await("the five to be consumed").atMost(Duration.ofSeconds(10))
			.until(() -> client.call("inbox", "q4", "rows").asLong() == 5);
		assertThat(client.call("inbox", "q4", "state").get("handled").toString())
			.as("in the order they were published").isEqualTo("[\"item-0\",\"item-1\",\"item-2\",\"item-3\",\"item-4\"]");
	}

	@Test
	void aPublisherWaitingForAMessageThatTheActorsSqlDeletedIsToldItWasRemoved() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("inbox", "q-removed", "pause"); // the consumer of 'later' fails and retries, 200 ms backoff and more
		CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
				() -> client.post("/actors/inbox/q-removed/queues/later", "{\"body\":\"gone\",\"wait\":true}"));
		await("the message in the file").atMost(Duration.ofSeconds(10))
			.until(() -> client.call("inbox", "q-removed", "queue", "later").get("size").asInt() == 1);
		assertThat(client.call("inbox", "q-removed", "purge", "later").asInt()).isOne();
		Response removed = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(removed.status()).as(removed.body()).isEqualTo(410);
		assertThat(removed.json().get("group").asString()).isEqualTo("queue");
		assertThat(removed.json().get("code").asString()).isEqualTo("message_removed");
		assertThat(client.call("inbox", "q-removed", "queue", "later").get("dead").size())
			.as("never consumed, not a dead letter").isZero();
	}

	@Test
	void badPublicationsAreRefusedWithAStableCode() {
		HttpActorClient client = new HttpActorClient(this.port);
		Response unknown = client.post("/actors/inbox/q5/queues/nope", "{\"body\":1}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");
		assertThat(unknown.json().get("group").asString()).isEqualTo("queue");
		Response wrongBody = client.post("/actors/inbox/q5/queues/orders", "{\"body\":{\"item\":\"x\",\"quantity\":\"many\"}}");
		assertThat(wrongBody.status()).as(wrongBody.body()).isEqualTo(400);
		assertThat(wrongBody.json().get("code").asString()).isEqualTo("invalid_arguments");
		Response badWait = client.post("/actors/inbox/q5/queues/orders", "{\"body\":{\"item\":\"x\",\"quantity\":1},\"wait\":\"yes\"}");
		assertThat(badWait.status()).isEqualTo(400);
		assertThat(client.get("/actors/inbox/q5/queues/orders").status()).isEqualTo(405);
		assertThat(client.post("/actors/inbox/q5/queues/orders", "{not json").json().get("code").asString())
			.isEqualTo("malformed_json");
		assertThat(client.call("inbox", "q5", "queue", "orders").get("size").asInt()).as("none was queued").isZero();
	}

}
