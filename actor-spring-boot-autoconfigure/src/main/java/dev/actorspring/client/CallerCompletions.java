package dev.actorspring.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Completes the futures a caller of {@link dev.actorspring.api.ActorClient} is given on the client's own executor.
 * The runtime answers a call on the called actor's mailbox thread (while it releases the turns of a commit) and a
 * timeout on the JDK's single delay thread; the caller's continuations ({@code thenApply}, {@code handle}, ...)
 * would run there, so one that blocks, for example on another call to the same actor, would hold up that actor,
 * or every timeout in the JVM. Each answer costs one hand-off to the executor; the conversion of the result runs
 * there too, off the actor's thread.
 */
final class CallerCompletions {

	private final Executor executor;

	CallerCompletions(Executor executor) {
		this.executor = executor;
	}

	/**
	 * A future completed on the executor with what {@code answer} completes with, converted.
	 * @param <S> what the runtime answers
	 * @param <T> what the caller is given
	 * @param answer the runtime's answer
	 * @param convert the conversion of a value; what it throws fails the caller's future
	 * @return the caller's future, failed with a {@link CompletionException} whose cause is the failure, as a
	 * dependent stage of {@code answer} would be
	 */
	<S, T> CompletableFuture<T> deliver(CompletableFuture<S> answer, Function<? super S, ? extends T> convert) {
		CompletableFuture<T> caller = new CompletableFuture<>();
		answer.whenComplete((value, failure) -> {
			Runnable complete = () -> complete(caller, value, failure, convert);
			try {
				this.executor.execute(complete);
			}
			catch (RuntimeException ex) {
				// refused (the application is closing, or the pool is at its limit): the caller still gets its answer
				complete.run();
			}
		});
		return caller;
	}

	private static <S, T> void complete(CompletableFuture<T> caller, S value, Throwable failure,
			Function<? super S, ? extends T> convert) {
		if (failure != null) {
			caller.completeExceptionally(wrapped(failure));
			return;
		}
		try {
			caller.complete(convert.apply(value));
		}
		catch (Throwable ex) {
			caller.completeExceptionally(wrapped(ex));
		}
	}

	private static Throwable wrapped(Throwable failure) {
		return (failure instanceof CompletionException) ? failure : new CompletionException(failure);
	}

}
