package dev.actorspring.benchmarks.http;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** The broadcast benchmark's actor: every tick goes to all the subscribers of the instance. */
@Actor("room")
public class RoomActor {

	@Action
	public void tick(ActorContext<Void> c, long sequence) {
		c.broadcast("tick", sequence);
	}

}
