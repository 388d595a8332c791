package dev.actorspring.runtime.instance;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueWaitersTests {

	@Test
	void aMessagePublishedAndConsumedInALostGroupLeavesNoWaiterBehind() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> waiter = new CompletableFuture<>();
		waiters.published(1L, waiter);
		waiters.handOver(1L, new byte[] { '1' }, null);

		waiters.rollBack();

		assertThat(waiters.size()).as("the message is not in the file: nobody waits for it").isZero();
		assertThat(waiter).as("the waiter no longer keeps the instance awake").isDone();
		assertThat(waiters.committed()).isEmpty();
	}

	@Test
	void aMessageConsumedInALostGroupWaitsForItsNextConsumption() {
		QueueWaiters waiters = new QueueWaiters();
		CompletableFuture<byte[]> waiter = new CompletableFuture<>();
		waiters.published(1L, waiter);
		assertThat(waiters.committed()).isEmpty();
		waiters.handOver(1L, new byte[] { '1' }, null);

		waiters.rollBack();

		assertThat(waiter).isNotDone();
		waiters.handOver(1L, new byte[] { '2' }, null);
		List<QueueWaiters.Handed> done = waiters.committed();
		QueueWaiters.answer(done, null);
		assertThat(waiter.join()).containsExactly('2');
		assertThat(waiters.size()).isZero();
	}

}
