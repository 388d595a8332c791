package dev.actorspring.runtime.mailbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that arrives while a caller's thread runs the one before it is handed to the executor afterwards; when
 * the executor refuses it (it is shutting down), it runs on that thread rather than waiting, with its caller, for a
 * run that never comes.
 */
class RefusedHandOffTests {

	@Test
	void whatArrivesDuringARunOnTheCallersThreadRunsThereWhenTheExecutorRefusesIt() {
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicReference<Mailbox<String>> mailbox = new AtomicReference<>();
		Executor refusing = (task) -> {
			throw new RejectedExecutionException("shutting down");
		};
		Executor running = Runnable::run;
		AtomicReference<Executor> executor = new AtomicReference<>(running);
		mailbox.set(new Mailbox<>((task) -> executor.get().execute(task), 16, new Mailbox.Receiver<>() {

			@Override
			public void receive(String message) {
				received.add(message);
				if (message.equals("first")) {
					// another caller's message, offered while this one runs
					mailbox.get().offer("second", 16);
				}
			}

			@Override
			public void batchEnded() {
			}

			@Override
			public void drained() {
			}

		}));
		mailbox.get().offer("warm-up", 16); // one quick run of one message, on the executor
		assertThat(received).containsExactly("warm-up");
		assertThat(mailbox.get().quick()).isTrue();

		executor.set(refusing);
		assertThat(mailbox.get().offer("first", 16, true)).isEqualTo(Mailbox.Offer.ACCEPTED);

		assertThat(received).containsExactly("warm-up", "first", "second");
		assertThat(mailbox.get().depth()).isZero();
		assertThat(mailbox.get().idle()).isTrue();
	}


	@Test
	void aMessageOfferedWhenTheExecutorRefusesRunsOnTheOfferingThread() {
		List<String> received = new CopyOnWriteArrayList<>();
		Mailbox<String> mailbox = new Mailbox<>((task) -> {
			throw new RejectedExecutionException("shutting down");
		}, 16, recording(received));
		assertThat(mailbox.offer("late", 16)).isEqualTo(Mailbox.Offer.ACCEPTED);
		assertThat(received).containsExactly("late");
		assertThat(mailbox.idle()).isTrue();
	}

	@Test
	void aMessageOfferedFromInsideARunWhenTheExecutorRefusesIsWithdrawnAndItsSenderTold() {
		List<String> received = new CopyOnWriteArrayList<>();
		Mailbox<String> other = new Mailbox<>((task) -> {
			throw new RejectedExecutionException("shutting down");
		}, 16, recording(received));
		AtomicReference<Throwable> told = new AtomicReference<>();
		Mailbox<String> sender = new Mailbox<>(Runnable::run, 16, offering(other, "from a turn", told));
		sender.offer("go", 16);
		assertThat(told.get()).isInstanceOf(RejectedExecutionException.class);
		assertThat(other.depth()).isZero(); // not left behind, to run later after its sender gave up on it
		assertThat(received).isEmpty();
	}

	@Test
	void aMessageLeftToARefusedHandOffInsideARunRunsWhenThatRunEnds() throws Exception {
		// thread A, inside a run of another actor, offers to "other" and holds its hand-off while the executor
		// (shutting down) takes its time to refuse; meanwhile thread B offers too and, seeing the hand-off under
		// way, leaves its message to it. A's message is withdrawn (A is told); B's must still run.
		List<String> received = new CopyOnWriteArrayList<>();
		CountDownLatch handingOff = new CountDownLatch(1);
		CountDownLatch refuse = new CountDownLatch(1);
		AtomicInteger handOffs = new AtomicInteger();
		Mailbox<String> other = new Mailbox<>((task) -> {
			if (handOffs.incrementAndGet() == 1) {
				handingOff.countDown();
				await(refuse);
			}
			throw new RejectedExecutionException("shutting down");
		}, 16, recording(received));
		AtomicReference<Throwable> told = new AtomicReference<>();
		Mailbox<String> sender = new Mailbox<>(Runnable::run, 16, offering(other, "from A's turn", told));
		Thread a = new Thread(() -> sender.offer("go", 16), "A");
		a.start();
		assertThat(handingOff.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(other.offer("from B", 16)).isEqualTo(Mailbox.Offer.ACCEPTED);
		assertThat(received).isEmpty(); // left to A's hand-off
		refuse.countDown();
		a.join(10_000);
		assertThat(a.isAlive()).isFalse();

		assertThat(told.get()).isInstanceOf(RejectedExecutionException.class);
		assertThat(received).containsExactly("from B");
		assertThat(other.depth()).isZero();
		assertThat(other.idle()).isTrue();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A receiver whose every turn offers {@code message} to {@code other}, noting a refusal in {@code told}. */
	private static Mailbox.Receiver<String> offering(Mailbox<String> other, String message,
			AtomicReference<Throwable> told) {
		return new Mailbox.Receiver<>() {

			@Override
			public void receive(String ignored) {
				try {
					other.offer(message, 16);
				}
				catch (RejectedExecutionException ex) {
					told.set(ex);
				}
			}

			@Override
			public void batchEnded() {
			}

			@Override
			public void drained() {
			}

		};
	}

	private static Mailbox.Receiver<String> recording(List<String> received) {
		return new Mailbox.Receiver<>() {

			@Override
			public void receive(String message) {
				received.add(message);
			}

			@Override
			public void batchEnded() {
			}

			@Override
			public void drained() {
			}

		};
	}

}
