package dev.actorspring.sample.chat;

import dev.actorspring.sample.chat.user.ProfileService;
import dev.actorspring.sample.chat.user.UserSession;
import dev.actorspring.test.ActorTestKit;
import dev.actorspring.test.TestActor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** createVars loads the profile on every wake; onStateChange writes the last room back to the service. */
class UserSessionTests {

	@Test
	void varsComeFreshFromTheServiceOnEveryWakeAndStateChangesSyncBack() {
		ProfileService profiles = new ProfileService();
		try (ActorTestKit kit = ActorTestKit.of(new UserSession(profiles))) {
			TestActor session = kit.actor("userSession", "u42");
			assertThat(session.call(ProfileService.Profile.class, "getProfile").displayName()).isEqualTo("u42");

			profiles.rename("u42", "changed elsewhere");
			assertThat(session.call(ProfileService.Profile.class, "getProfile").displayName()).isEqualTo("u42");
			session.sleep();
			assertThat(session.call(ProfileService.Profile.class, "getProfile").displayName())
				.isEqualTo("changed elsewhere");

			session.call("enterRoom", "general");
			assertThat(profiles.load("u42").lastRoom()).isEqualTo("general");
			assertThat(session.state(UserSession.State.class).requestCount).isEqualTo(4);
		}
	}

}
