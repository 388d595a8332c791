package dev.actorspring.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RivetKit's rule for array keys, both ways. */
class ActorKeyTests {

	@Test
	void writesKeysAsRivetKitsSerializeActorKeyDoes() {
		assertThat(ActorKey.of("general")).isEqualTo("general");
		assertThat(ActorKey.of("a", "b/c")).as("captured from the RivetKit client").isEqualTo("a/b\\/c");
		assertThat(ActorKey.of("tenant1", "user2")).isEqualTo("tenant1/user2");
		assertThat(ActorKey.of(List.of())).isEqualTo("/");
		assertThat(ActorKey.of("", "x")).isEqualTo("\\0/x");
		assertThat(ActorKey.of("back\\slash")).isEqualTo("back\\\\slash");
	}

	@Test
	void readsBackEveryKeyItWrites() {
		List<List<String>> keys = List.of(List.of(), List.of(""), List.of("", ""), List.of("a"), List.of("a", "b/c"),
				List.of("\\0"), List.of("\\", "/"), List.of("x\\0", "0", "\\\\//"), List.of("tenant", "room", "42"));
		for (List<String> key : keys) {
			assertThat(ActorKey.parts(ActorKey.of(key))).as(key.toString()).isEqualTo(key);
		}
		assertThat(ActorKey.parts("plain")).containsExactly("plain");
		assertThat(ActorKey.parts("a/b")).containsExactly("a", "b");
		assertThat(ActorKey.parts("odd\\escape")).containsExactly("odd\\escape");
	}

}
