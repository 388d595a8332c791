package dev.actorspring.docs;

import dev.actorspring.test.ActorTestKit;
import dev.actorspring.test.TestActor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The code shown in docs/getting-started.md, compiled and run (DocsSnippetsTests keeps the two identical). */
class GettingStartedTests {

	// tag::test[]
	@Test
	void guestsSignTheBook() {
		try (ActorTestKit kit = ActorTestKit.of(new Guestbook())) {
			TestActor book = kit.actor("guestbook", "lobby");
			assertThat(book.call(Integer.class, "sign", "alice")).isEqualTo(1);
			assertThat(book.call(Integer.class, "sign", "bob")).isEqualTo(2);
			book.sleep(); // the next call reloads the state from the SQLite file
			assertThat(book.call(String[].class, "names")).containsExactly("alice", "bob");
			assertThat(book.events()).hasSize(2);
		}
	}
	// end::test[]

}
