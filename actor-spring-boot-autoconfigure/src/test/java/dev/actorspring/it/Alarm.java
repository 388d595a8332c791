package dev.actorspring.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnSleep;
import dev.actorspring.api.ScheduledAction;

/** An actor that sets durable schedules on itself. */
@Actor("alarm")
public class Alarm {

	public static class State {

		public List<String> fired = new ArrayList<>();

	}

	private final WakeCounter recorder;

	public Alarm(WakeCounter recorder) {
		this.recorder = recorder;
	}

	@CreateVars
	public String createVars(ActorContext<State> c) {
		this.recorder.increment(c.key());
		return "";
	}

	@OnSleep
	public void onSleep(ActorContext<State> c) {
		this.recorder.slept(c.key());
	}

	@Action
	public String remind(ActorContext<State> c, String text, long delayMillis) {
		return c.schedule().after(Duration.ofMillis(delayMillis), "fire", text);
	}

	@Action
	public String remindAndSleep(ActorContext<State> c, String text, long delayMillis) {
		String id = c.schedule().after(Duration.ofMillis(delayMillis), "fire", text);
		c.sleep();
		return id;
	}

	@Action
	public void remindThenFail(ActorContext<State> c, String text) {
		c.schedule().after(Duration.ofMillis(50), "fire", text);
		throw new IllegalStateException("changed my mind");
	}

	@Action
	public void fire(ActorContext<State> c, String text) {
		c.state().fired.add(text);
		c.broadcast("fired", text);
	}

	@Action
	public String flaky(ActorContext<State> c, int failures) {
		return c.schedule().after(Duration.ofMillis(50), "flakyFire", failures);
	}

	@Action
	public void flakyFire(ActorContext<State> c, int failures) {
		int attempt = this.recorder.attempt(c.key());
		if (attempt <= failures) {
			throw new IllegalStateException("attempt " + attempt + " fails on purpose");
		}
		c.state().fired.add("flaky after " + attempt);
	}

	@Action
	public boolean cancel(ActorContext<State> c, String id) {
		return c.schedule().cancel(id);
	}

	@Action
	public List<ScheduledAction> pending(ActorContext<State> c) {
		return c.schedule().list();
	}

	@Action
	public List<String> fired(ActorContext<State> c) {
		return c.state().fired;
	}

	@Action
	public void badSchedule(ActorContext<State> c) {
		c.schedule().after(Duration.ofSeconds(1), "fire", 1, 2, 3);
	}

}
