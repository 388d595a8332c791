package dev.actorspring.runtime.listener;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A caller's trace context in the form that crosses a process boundary or outlives the caller's turn: the
 * propagation fields of its tracer (for W3C Trace Context, {@code traceparent} and {@code tracestate}). It comes
 * with a WebSocket action request, with a call from another cluster node, and with a durable schedule; the
 * turn it starts continues that trace. Fields of no tracer, or malformed ones, only start a new trace.
 *
 * @param fields the propagation fields, by name
 */
public record PropagatedContext(Map<String, String> fields) {

	/** The most fields kept, and the longest name and value: propagation fields are a few short strings. */
	private static final int MAX_FIELDS = 8;

	private static final int MAX_LENGTH = 512;

	/**
	 * Copies the fields, keeping only what propagation fields can be.
	 * @param fields the fields, by name
	 */
	public PropagatedContext {
		fields = bounded(fields);
	}

	/**
	 * The context that these fields carry, or {@code null} when they carry nothing.
	 * @param fields the fields, by name, or {@code null}
	 * @return the context, or {@code null}
	 */
	public static @Nullable PropagatedContext of(
			@Nullable Map<String, String> fields) {
		if (fields == null) {
			return null;
		}
		PropagatedContext context = new PropagatedContext(fields);
		return context.fields().isEmpty() ? null : context;
	}

	private static Map<String, String> bounded(Map<String, String> fields) {
		if (fields.size() <= MAX_FIELDS && fields.entrySet()
			.stream()
			.allMatch((field) -> fits(field.getKey()) && fits(field.getValue()))) {
			return Map.copyOf(fields);
		}
		Map<String, String> kept = new LinkedHashMap<>();
		fields.forEach((name, value) -> {
			if (kept.size() < MAX_FIELDS && fits(name) && fits(value)) {
				kept.put(name, value);
			}
		});
		return Map.copyOf(kept);
	}

	private static boolean fits(@Nullable String text) {
		return text != null && !text.isEmpty() && text.length() <= MAX_LENGTH;
	}

}
