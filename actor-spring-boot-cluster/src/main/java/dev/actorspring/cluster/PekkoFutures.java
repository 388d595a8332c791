package dev.actorspring.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Pekko's Java API answers an ask with a Scala future seen as a {@link CompletableFuture} whose non-async callbacks
 * ({@code handle}, {@code thenApply}, ...) all run on the JDK's default async executor. With fewer than three cores
 * that executor starts a new thread for every task: one thread per message answered, which costs more than the
 * message. The answers are taken here on the thread that completes them instead (a Pekko dispatcher thread), into
 * a plain future whose callbacks behave as usual.
 */
public final class PekkoFutures {

	private PekkoFutures() {
	}

	/**
	 * A plain future completed as {@code stage} completes, on the completing thread.
	 * @param stage what Pekko returned
	 * @param <T> the answer's type
	 * @return the future
	 */
	public static <T> CompletableFuture<T> plain(CompletionStage<T> stage) {
		CompletableFuture<T> plain = new CompletableFuture<>();
		stage.whenCompleteAsync((value, failure) -> {
			if (failure != null) {
				plain.completeExceptionally(failure);
			}
			else {
				plain.complete(value);
			}
		}, Runnable::run);
		return plain;
	}

}
