package dev.actorspring.sample.chat.user;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnStateChange;

/**
 * One user's session (key: the user id), showing how actors meet an existing database: {@code @CreateVars}
 * loads the profile from {@link ProfileService} on every wake (never persisted: it stays fresh), and
 * {@code @OnStateChange} mirrors the last room the user entered back to it.
 */
@Actor("userSession")
public class UserSession {

	/** What the session itself persists. */
	public static class State {

		public int requestCount;

		public String lastRoom;

	}

	private final ProfileService profiles;

	public UserSession(ProfileService profiles) {
		this.profiles = profiles;
	}

	@CreateVars
	public ProfileService.Profile loadProfile(ActorContext<State> c) {
		return this.profiles.load(c.key());
	}

	@Action
	public ProfileService.Profile getProfile(ActorContext<State> c) {
		c.state().requestCount++;
		return c.vars();
	}

	@Action
	public ProfileService.Profile rename(ActorContext<State> c, String displayName) {
		c.state().requestCount++;
		c.setVars(this.profiles.rename(c.key(), displayName));
		return c.vars();
	}

	@Action
	public void enterRoom(ActorContext<State> c, String room) {
		c.state().requestCount++;
		c.state().lastRoom = room;
	}

	@OnStateChange
	public void syncLastRoom(ActorContext<State> c, State state) {
		if (state.lastRoom != null) {
			this.profiles.recordLastRoom(c.key(), state.lastRoom);
		}
	}

}
