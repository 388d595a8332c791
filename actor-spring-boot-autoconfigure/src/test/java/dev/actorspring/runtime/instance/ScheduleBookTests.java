package dev.actorspring.runtime.instance;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.actorspring.codec.ActorCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedules in an actor's file load whatever the application's mapper is strict about: a file written before
 * the trace field existed, and one written by a newer version with a field this one does not know.
 */
class ScheduleBookTests {

	private final ActorCodec strict = new ActorCodec(JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
				DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build());

	@Test
	void schedulesWrittenBeforeTheTraceFieldLoad() {
		ScheduleBook book = new ScheduleBook(this.strict);
		book.load("[{\"id\":\"s1\",\"action\":\"fire\",\"args\":[\"x\"],\"dueAt\":1000,\"attempts\":2}]"
			.getBytes(StandardCharsets.UTF_8));
		ScheduleEntry entry = book.dueEntry("s1", 1000);
		assertThat(entry).isNotNull();
		assertThat(entry.attempts()).isEqualTo(2);
		assertThat(entry.trace()).isNull();
	}

	@Test
	void schedulesWithFieldsOfANewerVersionLoadAndKeepTheirTrace() {
		ScheduleBook book = new ScheduleBook(this.strict);
		book.load(("[{\"id\":\"s1\",\"action\":\"fire\",\"args\":[],\"dueAt\":5,\"attempts\":0,"
				+ "\"trace\":{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"},"
				+ "\"later\":true}]").getBytes(StandardCharsets.UTF_8));
		assertThat(book.dueEntry("s1", 5).trace())
			.isEqualTo(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
	}

}
