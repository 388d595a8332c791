package dev.actorspring.codec;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts states, arguments, results and events to and from JSON with a copy of the application's Jackson
 * {@link JsonMapper} (its modules, features and settings) that recycles its buffers per thread. Arguments use a
 * stricter copy of it: {@code null} for a primitive is an error.
 */
public final class ActorCodec {

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private final JsonMapper mapper;

	private final JsonMapper argumentMapper;

	private final PlainScalars scalars;

	private final ObjectReader requestReader;

	/**
	 * @param mapper the application's mapper; the codec works with a copy of it that differs only in its buffer
	 * recycling ({@link ThreadRecycling})
	 */
	public ActorCodec(JsonMapper mapper) {
		this.mapper = ThreadRecycling.copyOf(mapper);
		this.scalars = PlainScalars.of(this.mapper);

		this.argumentMapper = this.mapper.rebuild().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		this.requestReader = this.mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
		if (value == null) {
			return NULL.clone();
		}
		byte[] plain = this.scalars.encode(value);
		return (plain != null) ? plain : this.mapper.writeValueAsBytes(value);
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
	 * Parses JSON a client sent, more strictly than {@link #parse(byte[])}: a name given twice in one object and
	 * a string with an unpaired surrogate escape (a backslash-u escape between D800 and DFFF without its pair, which has no UTF-8 form) are errors, on top of
	 * Jackson's stream read constraints (nesting depth, number and string lengths).
	 * @param json the bytes
	 * @return the tree
	 * @throws JacksonException if the bytes are not such JSON
	 */
	public JsonNode parseRequest(byte[] json) {
		JsonNode tree = this.requestReader.readTree(json);
		if (mayHoldSurrogateEscape(json)) {
			checkUnicode(tree);
		}
		return tree;
	}

	/**
	 * Parses JSON a client sent, as {@link #parseRequest(byte[])}.
	 * @param json the text
	 * @return the tree
	 * @throws JacksonException if the text is not such JSON
	 */
	public JsonNode parseRequest(String json) {
		JsonNode tree = this.requestReader.readTree(json);
		if (json.contains("\\ud") || json.contains("\\uD")) {
			checkUnicode(tree);
		}
		return tree;
	}

	/** Whether the bytes hold a backslash, {@code u} and {@code d} or {@code D}: only escapes can make a lone surrogate. */
	private static boolean mayHoldSurrogateEscape(byte[] json) {
		for (int i = 0; i + 2 < json.length; i++) {
			if (json[i] == '\\' && json[i + 1] == 'u' && (json[i + 2] == 'd' || json[i + 2] == 'D')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Checks a tree a client sent in another format (CBOR) as {@link #parseRequest(byte[])} checks JSON: no string or
	 * name with an unpaired surrogate.
	 * @param tree the tree
	 * @return the tree
	 * @throws JacksonException if it holds such a string
	 */
	public JsonNode checkRequest(JsonNode tree) {
		checkUnicode(tree);
		return tree;
	}

	private static void checkUnicode(JsonNode node) {
		if (node.isString()) {
			checkUnicode(node.asString());
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				checkUnicode(property.getKey());
				checkUnicode(property.getValue());
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				checkUnicode(element);
			}
		}
	}

	private static void checkUnicode(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new StreamReadException("Invalid Unicode: a string holds an unpaired surrogate (U+"
						+ Integer.toHexString(c).toUpperCase() + ")");
			}
		}
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

	/** The codec's mapper: the application's, recycling its buffers per thread. */
	public JsonMapper mapper() {
		return this.mapper;
	}

}
