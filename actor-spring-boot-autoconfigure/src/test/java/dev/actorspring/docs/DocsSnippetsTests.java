package dev.actorspring.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code block in {@code docs/} preceded by {@code <!-- snippet: path#tag -->} is identical to the region
 * between {@code // tag::tag[]} and {@code // end::tag[]} in that (compiled and tested) source file, so the
 * documentation cannot drift from code that works.
 */
class DocsSnippetsTests {

	private static final Pattern SNIPPET = Pattern
		.compile("<!-- snippet: ([^#\\s]+)#([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

	@Test
	void snippetsInTheDocsMatchTheirSources() throws IOException {
		Path docs = ConfigurationMetadataTests.docs();
		Path root = docs.getParent();
		List<String> checked = new ArrayList<>();
		try (Stream<Path> files = Files.list(docs)) {
			for (Path doc : files.filter((file) -> file.toString().endsWith(".md")).toList()) {
				Matcher matcher = SNIPPET.matcher(Files.readString(doc));
				while (matcher.find()) {
					String expected = region(root.resolve(matcher.group(1)), matcher.group(2));
					assertThat(matcher.group(3)).as("%s: snippet %s#%s", doc.getFileName(), matcher.group(1),
							matcher.group(2)).isEqualTo(expected);
					checked.add(matcher.group(2));
				}
			}
		}
		assertThat(checked).contains("actor", "test");
	}

	private static String region(Path source, String tag) throws IOException {
		List<String> lines = Files.readAllLines(source);
		int start = -1;
		int end = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).trim().equals("// tag::" + tag + "[]")) {
				start = i + 1;
			}
			else if (lines.get(i).trim().equals("// end::" + tag + "[]")) {
				end = i;
			}
		}
		assertThat(start).as("tag %s in %s", tag, source).isPositive();
		List<String> region = lines.subList(start, end);
		int indent = region.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		StringBuilder text = new StringBuilder();
		for (String line : region) {
			text.append(line.isBlank() ? "" : line.substring(indent).replace("\t", "    ")).append('\n');
		}
		return text.toString();
	}

}
