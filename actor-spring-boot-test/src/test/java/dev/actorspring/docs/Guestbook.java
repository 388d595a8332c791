package dev.actorspring.docs;

// tag::actor[]
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

@Actor("guestbook")
public class Guestbook {

	public static class State {

		public List<String> names = new ArrayList<>();

	}

	@Action
	public int sign(ActorContext<State> c, String name) {
		c.state().names.add(name);
		c.broadcast("signed", name);
		return c.state().names.size();
	}

	@Action
	public List<String> names(ActorContext<State> c) {
		return c.state().names;
	}

}
// end::actor[]
