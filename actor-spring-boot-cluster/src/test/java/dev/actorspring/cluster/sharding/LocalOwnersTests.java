package dev.actorspring.cluster.sharding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate through which calls made on a node reach the actor its entity runs there, without Pekko's ask: open
 * while the entity runs the actor; closing it lets nobody in any more and returns only once every call that got in
 * put its message in the mailbox, so that the entity's sleep comes after them.
 */
class LocalOwnersTests {

	@Test
	void aGateLetsCallsInWhileOpenAndClosesOnlyOnceTheCallsInsideLeft() throws Exception {
		LocalOwners owners = new LocalOwners();
		assertThat(owners.find("counter", "k")).as("no entity runs it here").isNull();
		LocalOwners.Gate gate = owners.open("counter", "k");
		assertThat(owners.find("counter", "k")).isSameAs(gate);
		assertThat(owners.find("counter", "other")).isNull();
		assertThat(gate.enter()).isTrue();

		CountDownLatch closing = new CountDownLatch(1);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
			closing.countDown();
			owners.close("counter", "k", gate);
		});
		assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!gate.closing() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(gate.closing()).isTrue();
		Thread.sleep(200);
		assertThat(closed).as("a call is still inside").isNotDone();
		assertThat(gate.enter()).as("nobody else gets in once it closes").isFalse();
		gate.leave();
		closed.get(10, TimeUnit.SECONDS);
		assertThat(owners.find("counter", "k")).isNull();
		assertThat(gate.enter()).isFalse();
	}

	@Test
	void aNewerGateOfTheSameActorIsNotRemovedByTheOlderOnesClose() {
		LocalOwners owners = new LocalOwners();
		LocalOwners.Gate older = owners.open("counter", "k");
		LocalOwners.Gate newer = owners.open("counter", "k");
		owners.close("counter", "k", older);
		assertThat(owners.find("counter", "k")).isSameAs(newer);
		assertThat(newer.enter()).isTrue();
	}

}
