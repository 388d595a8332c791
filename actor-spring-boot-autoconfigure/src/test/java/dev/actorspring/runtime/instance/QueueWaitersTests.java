package dev.actorspring.runtime.instance;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueWaitersTests {

	@Test
	void aMessagePublishedAndConsumedInALostGroupLeavesNoWaiterBehind() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> waiter = waiting(waiters, 1L);
		waiters.handOver(1L, new byte[] { '1' }, null);

		waiters.rollBack();

		assertThat(waiters.size()).as("the message is not in the file: nobody waits for it").isZero();
		assertThat(waiter).as("the waiter no longer keeps the instance awake").isDone();
		assertThat(waiters.committed()).isEmpty();
	}

	@Test
	void aWaiterWhoseMessageLeftTheFileUnconsumedFailsOnceTheReadCommitted() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> kept = waiting(waiters, 1L);
		CompletableFuture<byte[]> removed = waiting(waiters, 2L);
		assertThat(waiters.committed()).isEmpty();

		waiters.retain(java.util.Set.of(1L));
		assertThat(removed).as("told once the group that read the file committed").isNotDone();
		QueueWaiters.answer(waiters.committed(), null);

		assertThat(kept).isNotDone();
		assertThat(removed).isCompletedExceptionally();
		org.assertj.core.api.Assertions.assertThatThrownBy(removed::join)
			.hasRootCauseInstanceOf(dev.actorspring.api.ActorException.class)
			.hasMessageContaining("removed from the queue");
		assertThat(waiters.size()).isOne();
	}

	@Test
	void aRemovalReadInALostGroupIsNotToldAndTheMessageIsConsumedLater() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> waiter = waiting(waiters, 1L);
		assertThat(waiters.committed()).isEmpty();
		// the group that deleted the row (and read the file without it) is lost: the row is back
		waiters.retain(java.util.Set.of());
		waiters.rollBack();
		assertThat(waiter).isNotDone();

		waiters.handOver(1L, new byte[] { '3' }, null);
		QueueWaiters.answer(waiters.committed(), null);
		assertThat(waiter).as("answered by the consumption").isDone();
		assertThat(waiter.join()).containsExactly('3');
	}

	@Test
	void aMessageConsumedInALostGroupWaitsForItsNextConsumption() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> waiter = waiting(waiters, 1L);
		assertThat(waiters.committed()).isEmpty();
		waiters.handOver(1L, new byte[] { '1' }, null);

		waiters.rollBack();

		assertThat(waiter).isNotDone();
		waiters.handOver(1L, new byte[] { '2' }, null);
		List<QueueWaiters.Handed> done = waiters.committed();
		QueueWaiters.answer(done, null);
		assertThat(waiter).isDone();
		assertThat(waiter.join()).containsExactly('2');
		assertThat(waiters.size()).isZero();
	}

	@Test
	void aGroupWrittenButNotConfirmedAnswersEveryWaiterSoEvenARemovalOrADeadLetter() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> removed = waiting(waiters, 1L);
		CompletableFuture<byte[]> deadLettered = waiting(waiters, 2L);
		assertThat(waiters.committed()).isEmpty();
		waiters.retain(java.util.Set.of(2L));
		waiters.handOver(2L, null, new IllegalStateException("the consumer's last attempt failed"));

		RuntimeException unconfirmed = new IllegalStateException("written, not confirmed by the replica");
		QueueWaiters.answer(waiters.committed(), unconfirmed);

		for (CompletableFuture<byte[]> waiter : List.of(removed, deadLettered)) {
			assertThat(waiter).isCompletedExceptionally();
			org.assertj.core.api.Assertions.assertThatThrownBy(waiter::join).hasCause(unconfirmed);
		}
	}

	/** A publisher waiting for the message's consumption, from its publication in the group in progress. */
	private static CompletableFuture<byte[]> waiting(QueueWaiters waiters, long id) {
		CompletableFuture<byte[]> waiter = new CompletableFuture<>();
		waiters.published(id, waiter);
		return waiter;
	}

}
