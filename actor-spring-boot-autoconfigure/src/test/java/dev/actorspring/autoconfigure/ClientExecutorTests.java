package dev.actorspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor on which {@code ActorClient} answers complete: continuations that block on another answer get a
 * replacement thread each, up to a limit; past it, a blocking {@code join} fails instead of blocking, because the
 * answers all of them wait for are delivered on this same pool, which would otherwise have no thread left to do it.
 */
class ClientExecutorTests {

	@Test
	void continuationsBlockedPastTheLimitFailInsteadOfStarvingTheAnswersTheyAllWaitFor() throws Exception {
		ExecutorService pool = new ActorAutoConfiguration().actorClientExecutor();
		try {
			CompletableFuture<String> answer = new CompletableFuture<>();
			int blocked = Runtime.getRuntime().availableProcessors() + ActorAutoConfiguration.SPARE_THREADS + 20;
			List<Future<String>> continuations = new ArrayList<>();
			for (int i = 0; i < blocked; i++) {
				continuations.add(pool.submit(answer::join)); // as a continuation that joins another call
			}
			// the answer is delivered on the same pool, as CallerCompletions does
			pool.submit(() -> answer.complete("answered"));
			int answered = 0;
			int refused = 0;
			for (Future<String> continuation : continuations) {
				try {
					assertThat(continuation.get(60, TimeUnit.SECONDS)).isEqualTo("answered");
					answered++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(RejectedExecutionException.class);
					refused++;
				}
			}
			assertThat(answered).isGreaterThanOrEqualTo(ActorAutoConfiguration.SPARE_THREADS);
			assertThat(refused).isPositive();
			assertThat(answered + refused).isEqualTo(blocked);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
