package dev.actorspring.runtime.instance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The actors waiting, each on its own turn, for the call that is being made: A's action calls B, whose action
 * calls C, gives the chain [A, B] for the call to C. A call to an actor already in the chain would wait for
 * itself, so it is refused. A chain is a linked list from the innermost actor outwards: entering a turn costs one
 * small object.
 */
final class CallChain {

	private static final ThreadLocal<CallChain> CURRENT = new ThreadLocal<>();

	static final CallChain EMPTY = new CallChain(null, "", "");

	private final @Nullable CallChain outer;

	private final String actorName;

	private final String key;

	private CallChain(@Nullable CallChain outer, String actorName, String key) {
		this.outer = outer;
		this.actorName = actorName;
		this.key = key;
	}

	/**
	 * The chain of the turn running on this thread.
	 * @return the chain including the running actor, or {@code null} outside any turn
	 */
	static @Nullable CallChain current() {
		return CURRENT.get();
	}

	boolean contains(String actorName, String key) {
		for (CallChain link = this; link != null && link != EMPTY; link = link.outer) {
			if (link.key.equals(key) && link.actorName.equals(actorName)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The actors in the chain, for messages.
	 * @return "name/key" entries, outermost first
	 */
	List<String> describe() {
		Deque<String> names = new ArrayDeque<>();
		for (CallChain link = this; link != null && link != EMPTY; link = link.outer) {
			names.addFirst(link.actorName + "/" + link.key);
		}
		return List.copyOf(names);
	}

	CallChain with(String actorName, String key) {
		return new CallChain(this, actorName, key);
	}

	static void enter(CallChain chain) {
		CURRENT.set(chain);
	}

	static void leave() {
		// set, not remove: this runs after every turn on long-lived mailbox threads
		CURRENT.set(null);
	}

}
