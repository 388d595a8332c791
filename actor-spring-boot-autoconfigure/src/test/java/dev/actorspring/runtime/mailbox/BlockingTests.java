package dev.actorspring.runtime.mailbox;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What blocking work throws on a mailbox pool's thread reaches its caller, even when it is the exception the pool
 * itself throws when it cannot make up for a thread, and the work runs once.
 */
class BlockingTests {

	@Test
	void theWorksOwnRejectedExecutionExceptionIsThrownAndTheWorkRunsOnce() throws Exception {
		ForkJoinPool pool = new ForkJoinPool(2);
		try {
			AtomicInteger runs = new AtomicInteger();
			Throwable thrown = pool.submit(() -> {
				try {
					Blocking.run(true, () -> {
						runs.incrementAndGet();
						throw new RejectedExecutionException("the store refused");
					});
					return null;
				}
				catch (RejectedExecutionException ex) {
					return ex;
				}
			}).get();
			assertThat(thrown).hasMessage("the store refused");
			assertThat(runs).hasValue(1);
			assertThatThrownBy(() -> pool.submit(() -> Blocking.call(true, () -> {
				throw new IllegalStateException("disk I/O error");
			})).get()).isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk I/O error");
			assertThat(pool.submit(() -> Blocking.call(true, () -> "opened")).get()).isEqualTo("opened");
		}
		finally {
			pool.shutdownNow();
		}
	}

}
