package dev.actorspring.docs;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code actor.*} property is in the IDE metadata the build generates, with a description, and is
 * documented in {@code docs/configuration.md} with the same default; nothing is documented that does not
 * exist.
 */
class ConfigurationMetadataTests {

	private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(actor\\.[a-z0-9.-]+)` \\| `?([^|`]*)`?[^|]*\\|",
			Pattern.MULTILINE);

	@Test
	void everyPropertyIsInTheMetadataWithADescriptionAndInTheDocs() throws Exception {
		Map<String, JsonNode> metadata = new TreeMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("actor.")) {
					metadata.put(name, property);
				}
			}
		}
		Map<String, String> documented = new TreeMap<>();
		Matcher matcher = DOCUMENTED.matcher(Files.readString(docs().resolve("configuration.md")));
		while (matcher.find()) {
			documented.put(matcher.group(1), matcher.group(2).trim());
		}
		assertThat(metadata).hasSizeGreaterThan(15);
		assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(metadata.keySet()));
		metadata.forEach((name, property) -> {
			assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && !defaultValue.isArray()) {
				assertThat(documented.get(name).toLowerCase()).as("documented default of %s", name)
					.startsWith(defaultValue.asString().toLowerCase());
			}
		});
	}

	static Path docs() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a docs directory above the module").isNotNull();
		return dir.resolve("docs");
	}

}
