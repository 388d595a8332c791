package dev.actorspring.it;

import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.Connection;
import dev.actorspring.api.CreateState;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnBeforeConnect;
import dev.actorspring.api.OnConnect;
import dev.actorspring.api.OnCreate;
import dev.actorspring.api.OnDisconnect;
import dev.actorspring.api.OnStateChange;
import dev.actorspring.api.OnWake;

import org.jspecify.annotations.Nullable;

/** An actor with every hook of the core runtime, recording what ran. */
@Actor("room")
public class Room {

	public record CreateInput(String topic) {
	}

	public record Params(String user, String password) {
	}

	public static class State {

		public String topic = "";

		public List<String> log = new ArrayList<>();

		public List<String> members = new ArrayList<>();

		public long stateChanges;

	}

	public static class Vars {

		public final long wokeAt = System.nanoTime();

		public int calls;

	}

	private final WakeCounter wakes;

	public Room(WakeCounter wakes) {
		this.wakes = wakes;
	}

	@CreateState
	public State createState(@Nullable CreateInput input) {
		State state = new State();
		state.topic = (input != null) ? input.topic() : "default";
		state.log.add("createState");
		return state;
	}

	@OnCreate
	public void onCreate(ActorContext<State> c, @Nullable CreateInput input) {
		c.state().log.add("onCreate");
	}

	@CreateVars
	public Vars createVars(ActorContext<State> c) {
		this.wakes.increment(c.key());
		return new Vars();
	}

	@OnWake
	public void onWake(ActorContext<State> c) {
		c.state().log.add("onWake");
	}

	@OnBeforeConnect
	public boolean onBeforeConnect(ActorContext<State> c, @Nullable Params params) {
		if (params == null) {
			throw ActorException.forbidden("Connection params with a user are required.");
		}
		return !"wrong".equals(params.password());
	}

	@OnConnect
	public void onConnect(ActorContext<State> c, Connection connection) {
		Params params = connection.params(Params.class);
		c.state().members.add(params.user());
		c.broadcast("joined", params.user());
		connection.send("welcome", "hello " + params.user());
	}

	@OnDisconnect
	public void onDisconnect(ActorContext<State> c, Connection connection) {
		c.state().members.remove(connection.params(Params.class).user());
	}

	@OnStateChange
	public void onStateChange(ActorContext<State> c, State state) {
		this.wakes.stateChanged(c.key(), state.log.size());
	}

	@Action
	public String say(ActorContext<State> c, Connection connection, String text) {
		String who = (connection != null) ? connection.params(Params.class).user() : "rest";
		c.state().log.add(who + ": " + text);
		c.broadcast("said", who, text);
		return who;
	}

	@Action
	public State state(ActorContext<State> c) {
		return c.state();
	}

	@Action
	public void fail(ActorContext<State> c) {
		c.state().topic = "broken";
		throw new IllegalStateException("unexpected");
	}

	@Action
	public int varsCalls(ActorContext<State> c) {
		Vars vars = c.vars();
		return ++vars.calls;
	}

}
