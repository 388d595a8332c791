package dev.actorspring.it;

import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnDestroy;
import dev.actorspring.api.OnSleep;

/** An actor that sleeps after 300 ms without traffic, recording its wakes, sleeps and destroys. */
@Actor(value = "sleeper", sleepTimeout = "300ms")
public class Sleeper {

	public static class State {

		public long count;

		public List<Integer> log = new ArrayList<>();

	}

	/** Ephemeral: which wake of this instance this is. */
	public record Vars(int wake) {
	}

	private final WakeCounter recorder;

	public Sleeper(WakeCounter recorder) {
		this.recorder = recorder;
	}

	@CreateVars
	public Vars createVars(ActorContext<State> c) {
		this.recorder.increment(c.key());
		return new Vars(this.recorder.wakes(c.key()));
	}

	@OnSleep
	public void onSleep(ActorContext<State> c) {
		this.recorder.slept(c.key());
	}

	@OnDestroy
	public void onDestroy(ActorContext<State> c) {
		this.recorder.destroyed(c.key());
		c.broadcast("destroying", c.state().count);
	}

	@Action
	public long increment(ActorContext<State> c) {
		return ++c.state().count;
	}

	@Action
	public int wake(ActorContext<State> c) {
		Vars vars = c.vars();
		return vars.wake();
	}

	@Action
	public void append(ActorContext<State> c, int value) {
		c.state().log.add(value);
	}

	@Action
	public List<Integer> log(ActorContext<State> c) {
		return c.state().log;
	}

	@Action
	public long napNow(ActorContext<State> c) {
		c.state().count += 100;
		c.sleep();
		return c.state().count;
	}

	@Action
	public long selfDestruct(ActorContext<State> c) {
		c.destroy();
		return c.state().count;
	}

}
