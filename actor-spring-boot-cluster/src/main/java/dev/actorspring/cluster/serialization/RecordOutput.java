package dev.actorspring.cluster.serialization;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.jspecify.annotations.Nullable;

/**
 * Writes the fields of a cluster message: strings and byte arrays with a length (-1 for none), actor references in
 * Pekko's own format.
 */
public final class RecordOutput {

	/** The most entries {@link #shortTexts(Map)} writes. */
	static final int MAX_SHORT_TEXTS = 32;

	private final DataOutputStream out;

	private final ActorRefResolver resolver;

	RecordOutput(DataOutputStream out, ActorRefResolver resolver) {
		this.out = out;
		this.resolver = resolver;
	}

	public void string(@Nullable String value) throws IOException {
		this.out.writeBoolean(value != null);
		if (value != null) {
			bytes(value.getBytes(StandardCharsets.UTF_8));
		}
	}

	public void bytes(byte @Nullable [] value) throws IOException {
		this.out.writeInt((value != null) ? value.length : -1);
		if (value != null) {
			this.out.write(value);
		}
	}

	/** Actor type names are short; keys may be long, so they go as length-prefixed UTF-8. */
	public void actorAndKey(String actor, String key) throws IOException {
		this.out.writeUTF(actor);
		string(key);
	}

	/** An actor reference in Pekko's format; an empty string for none. */
	public void ref(@Nullable ActorRef<?> ref) throws IOException {
		this.out.writeUTF((ref != null) ? this.resolver.toSerializationFormat(ref) : "");
	}

	public void shortText(String value) throws IOException {
		this.out.writeUTF(value);
	}

	public void byteValue(int value) throws IOException {
		this.out.writeByte(value);
	}

	public void intValue(int value) throws IOException {
		this.out.writeInt(value);
	}

	public void longValue(long value) throws IOException {
		this.out.writeLong(value);
	}

	public void bool(boolean value) throws IOException {
		this.out.writeBoolean(value);
	}

	/** A few short strings by name (trace propagation fields): a count, then names and values. */
	public void shortTexts(Map<String, String> values) throws IOException {
		if (values.size() > MAX_SHORT_TEXTS) {
			throw new IOException("More than " + MAX_SHORT_TEXTS + " short texts: " + values.size());
		}
		this.out.writeByte(values.size());
		for (Map.Entry<String, String> value : values.entrySet()) {
			this.out.writeUTF(value.getKey());
			this.out.writeUTF(value.getValue());
		}
	}

}
