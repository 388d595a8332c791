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

	private final Map<String, AtomicInteger> sleeps = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> destroys = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	int attempt(String key) {
		return this.attempts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	public int attempts(String key) {
		AtomicInteger count = this.attempts.get(key);
		return (count != null) ? count.get() : 0;
	}

	void slept(String key) {
		this.sleeps.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	void destroyed(String key) {
		this.destroys.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	public int sleeps(String key) {
		AtomicInteger count = this.sleeps.get(key);
		return (count != null) ? count.get() : 0;
	}

	public int destroys(String key) {
		AtomicInteger count = this.destroys.get(key);
		return (count != null) ? count.get() : 0;
	}

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
