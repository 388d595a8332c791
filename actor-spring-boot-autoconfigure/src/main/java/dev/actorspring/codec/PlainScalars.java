package dev.actorspring.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON of a {@code Long}, an {@code Integer} or a {@code Boolean} (what counters and flags return)
 * without Jackson, for a mapper that writes them as plain JSON numbers and literals: a generator costs more than the
 * digits. Whether the mapper does is found out once, by asking it for extreme and ordinary values of each type; a
 * mapper that writes them otherwise (numbers as strings, a module's serializer, a wrapped root value) keeps writing
 * all of them.
 */
final class PlainScalars {

	private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

	private static final long[] LONG_PROBES = { Long.MIN_VALUE, -9_007_199_254_740_993L, -1, 0, 1, 42,
			9_007_199_254_740_993L, Long.MAX_VALUE };

	private static final int[] INT_PROBES = { Integer.MIN_VALUE, -1, 0, 1, 42, Integer.MAX_VALUE };

	private final boolean longs;

	private final boolean ints;

	private final boolean booleans;

	private PlainScalars(boolean longs, boolean ints, boolean booleans) {
		this.longs = longs;
		this.ints = ints;
		this.booleans = booleans;
	}

	static PlainScalars of(JsonMapper mapper) {
		boolean longs = true;
		for (long probe : LONG_PROBES) {
			longs &= Arrays.equals(mapper.writeValueAsBytes(probe), digits(Long.toString(probe)));
		}
		boolean ints = true;
		for (int probe : INT_PROBES) {
			ints &= Arrays.equals(mapper.writeValueAsBytes(probe), digits(Integer.toString(probe)));
		}
		boolean booleans = Arrays.equals(mapper.writeValueAsBytes(Boolean.TRUE), TRUE)
				&& Arrays.equals(mapper.writeValueAsBytes(Boolean.FALSE), FALSE);
		return new PlainScalars(longs, ints, booleans);
	}

	/**
	 * @param value a value
	 * @return its JSON, or {@code null} when the mapper is to write it
	 */
	byte @Nullable [] encode(Object value) {
		Class<?> type = value.getClass();
		if (type == Long.class) {
			return this.longs ? digits(Long.toString((Long) value)) : null;
		}
		if (type == Integer.class) {
			return this.ints ? digits(Integer.toString((Integer) value)) : null;
		}
		if (type == Boolean.class && this.booleans) {
			return ((Boolean) value) ? TRUE.clone() : FALSE.clone();
		}
		return null;
	}

	private static byte[] digits(String number) {
		return number.getBytes(StandardCharsets.US_ASCII);
	}

}
