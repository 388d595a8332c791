package dev.actorspring.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** A plain service injected into an actor, recording what the actor's hooks reported. */
@Component
public class WakeCounter {

	private final Map<String, AtomicInteger> wakes = new ConcurrentHashMap<>();

	private final Map<String, Integer> lastLogSize = new ConcurrentHashMap<>();

	void increment(String key) {
		this.wakes.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	void stateChanged(String key, int logSize) {
		this.lastLogSize.put(key, logSize);
	}

	public int wakes(String key) {
		AtomicInteger count = this.wakes.get(key);
		return (count != null) ? count.get() : 0;
	}

	public Integer lastLogSize(String key) {
		return this.lastLogSize.get(key);
	}

}
