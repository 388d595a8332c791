package dev.actorspring.codec;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts states, arguments, results and events to and from JSON with the application's Jackson
 * {@link JsonMapper}. Arguments use a stricter copy of it: {@code null} for a primitive is an error.
 */
public final class ActorCodec {

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private final JsonMapper mapper;

	private final JsonMapper argumentMapper;

	public ActorCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.argumentMapper = mapper.rebuild().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
	}

	public JavaType type(Type type) {
		return this.mapper.constructType(type);
	}

	/**
	 * Serializes a value to JSON bytes.
	 * @param value the value, may be {@code null}
	 * @return the JSON bytes
	 * @throws JacksonException if the value cannot be serialized
	 */
	public byte[] encode(@Nullable Object value) {
		return (value != null) ? this.mapper.writeValueAsBytes(value) : NULL.clone();
	}

	public <T> T decode(byte[] json, JavaType type) {
		return this.mapper.readValue(json, type);
	}

	/**
	 * Parses JSON bytes into a tree.
	 * @param json the bytes
	 * @return the tree
	 * @throws JacksonException if the bytes are not JSON
	 */
	public JsonNode parse(byte[] json) {
		return this.mapper.readTree(json);
	}

	public JsonNode parse(String json) {
		return this.mapper.readTree(json);
	}

	/**
	 * Converts a JSON argument to a Java value of the given type.
	 * @param node the argument
	 * @param type the target type
	 * @param <T> the target type
	 * @return the value
	 * @throws JacksonException if the node does not fit the type
	 */
	public <T> @Nullable T convertArgument(JsonNode node, JavaType type) {
		return this.argumentMapper.treeToValue(node, type);
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

}
