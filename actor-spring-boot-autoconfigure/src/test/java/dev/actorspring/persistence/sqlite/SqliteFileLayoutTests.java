package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqliteFileLayoutTests {

	private final Path dataDir = Path.of("/tmp/actors-data").toAbsolutePath();

	private final SqliteFileLayout layout = new SqliteFileLayout(this.dataDir);

	@Test
	void simpleKeysKeepAReadableFileName() {
		assertThat(this.layout.file("chatRoom", "general")).isEqualTo(this.dataDir.resolve("chatRoom/k-general.db"));
		assertThat(this.layout.file("chatRoom", "2026-11-22t04.x_1")).hasFileName("k-2026-11-22t04.x_1.db");
	}

	@Test
	void everyOtherKeyIsHashedInsideTheActorDirectory() {
		List<String> keys = List.of("..", ".", "../../etc/passwd", "a/b", "a\\b", "\u0000", "%00", "General", "général",
				"x".repeat(1024), ".hidden", "con", " ");
		Set<Path> files = new HashSet<>();
		for (String key : keys) {
			Path file = this.layout.file("chatRoom", key);
			assertThat(file.getParent()).isEqualTo(this.dataDir.resolve("chatRoom"));
			assertThat(file.getFileName().toString()).matches("(k-[a-z0-9_-][a-z0-9._-]*|h-[0-9a-f]{64})\\.db");
			files.add(file);
		}
		assertThat(files).hasSize(keys.size());
		assertThat(this.layout.file("chatRoom", "General")).isNotEqualTo(this.layout.file("chatRoom", "general"));
	}

	@Test
	void actorNamesAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.layout.file("../x", "k"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.layout.file("", "k"));
	}

	@Test
	void keysThatAreNotValidUnicodeHaveNoFile() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.layout.file("chatRoom", "\uD800"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.layout.file("chatRoom", "a\uDC00"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.layout.file("chatRoom", "\uD800?"));
		assertThat(this.layout.file("chatRoom", "?")).isNotEqualTo(this.layout.file("chatRoom", "\uD83D\uDE00"));
	}

}
