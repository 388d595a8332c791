package dev.actorspring.runtime.instance;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The actors waiting, each on its own turn, for the call that is being made: A's action calls B, whose action
 * calls C, gives the chain [A, B] for the call to C. A call to an actor already in the chain would wait for
 * itself, so it is refused.
 */
final class CallChain {

	private static final ThreadLocal<CallChain> CURRENT = new ThreadLocal<>();

	static final CallChain EMPTY = new CallChain(List.of());

	private final List<String> actors;

	private CallChain(List<String> actors) {
		this.actors = actors;
	}

	/**
	 * The chain of the turn running on this thread.
	 * @return the chain including the running actor, or {@code null} outside any turn
	 */
	static @Nullable CallChain current() {
		return CURRENT.get();
	}

	boolean contains(String actorName, String key) {
		return this.actors.contains(id(actorName, key));
	}

	/**
	 * The actors in the chain, for messages.
	 * @return "name/key" entries, outermost first
	 */
	List<String> describe() {
		return this.actors.stream().map((id) -> id.replace('\u0000', '/')).toList();
	}

	CallChain with(String actorName, String key) {
		List<String> longer = new ArrayList<>(this.actors.size() + 1);
		longer.addAll(this.actors);
		longer.add(id(actorName, key));
		return new CallChain(List.copyOf(longer));
	}

	static void enter(CallChain chain) {
		CURRENT.set(chain);
	}

	static void leave() {
		CURRENT.remove();
	}

	private static String id(String actorName, String key) {
		return actorName + '\u0000' + key;
	}

}
