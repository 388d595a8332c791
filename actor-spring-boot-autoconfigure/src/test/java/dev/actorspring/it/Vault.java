package dev.actorspring.it;

import java.security.Principal;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.OnBeforeConnect;

/** Only its owner (the user named like its key) may use it. */
@Actor("vault")
public class Vault {

	public static class State {

		public long balance;

	}

	@OnBeforeConnect
	public void onBeforeConnect(ActorContext<State> c) {
		requireOwner(c);
	}

	@Action
	public long deposit(ActorContext<State> c, long amount) {
		requireOwner(c);
		c.state().balance += amount;
		return c.state().balance;
	}

	@Action
	public String whoami(ActorContext<State> c) {
		Principal principal = c.principal();
		return (principal != null) ? principal.getName() : "anonymous";
	}

	private static void requireOwner(ActorContext<State> c) {
		Principal principal = c.principal();
		if (principal == null || !principal.getName().equals(c.key())) {
			throw ActorException.forbidden("Only " + c.key() + " may use this vault.");
		}
	}

}
