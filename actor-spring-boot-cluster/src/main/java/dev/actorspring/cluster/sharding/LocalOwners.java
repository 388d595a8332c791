package dev.actorspring.cluster.sharding;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The entities of this node that run their actor, so that a call made on this node for one of them goes straight
 * to the local runtime instead of through Pekko's ask (several thread hand-offs there and back). An entity opens
 * its {@link Gate} once it acquired the actor's file and ran what waited for it, and closes it before it hands the
 * actor off or passivates: a call that got through the gate is in the instance's mailbox before the entity puts
 * the instance to sleep, and a call that finds the gate closed (or no gate) takes Pekko's path, where sharding
 * decides who owns the actor.
 */
final class LocalOwners {

	private final Map<Id, Gate> gates = new ConcurrentHashMap<>();

	/**
	 * The open gate of a running entity on this node.
	 * @param actor the actor type name
	 * @param key the key
	 * @return its gate, or {@code null} if no entity of this node runs the actor
	 */
	@Nullable Gate find(String actor, String key) {
		return this.gates.get(new Id(actor, key));
	}

	/** An entity runs its actor: calls may come straight in. */
	Gate open(String actor, String key) {
		Gate gate = new Gate();
		this.gates.put(new Id(actor, key), gate);
		return gate;
	}

	/** An entity stops running its actor: no call comes straight in any more once this returns. */
	void close(String actor, String key, Gate gate) {
		gate.close();
		this.gates.remove(new Id(actor, key), gate);
	}

	private record Id(String actor, String key) {
	}

	/** Counts the calls passing through; once closed, lets none through and waits for those inside. */
	static final class Gate {

		/** Added to the count when the gate closes: a negative state lets nobody in. */
		private static final int CLOSED = Integer.MIN_VALUE / 2;

		private final AtomicInteger state = new AtomicInteger();

		/**
		 * Lets a call in, unless the gate closed.
		 * @return whether it may go to the local runtime; if so, {@link #leave()} once it is in the mailbox
		 */
		boolean enter() {
			for (;;) {
				int current = this.state.get();
				if (current < 0) {
					return false;
				}
				if (this.state.compareAndSet(current, current + 1)) {
					return true;
				}
			}
		}

		/** Whether the gate lets nobody in any more. */
		boolean closing() {
			return this.state.get() < 0;
		}

		/** A call that {@link #enter() entered} is in the instance's mailbox (or failed). */
		void leave() {
			this.state.decrementAndGet();
		}

		/** Lets nobody in any more, and waits for the calls inside (they only put a message in a mailbox). */
		void close() {
			for (;;) {
				int current = this.state.get();
				if (current < 0) {
					break;
				}
				if (this.state.compareAndSet(current, current + CLOSED)) {
					break;
				}
			}
			for (int spins = 0; this.state.get() != CLOSED; spins++) {
				if (spins < 100) {
					Thread.onSpinWait();
				}
				else {
					Thread.yield();
				}
			}
		}

	}

}
