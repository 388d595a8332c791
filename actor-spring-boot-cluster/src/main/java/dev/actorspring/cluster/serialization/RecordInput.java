package dev.actorspring.cluster.serialization;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a cluster message back, as {@link RecordOutput} wrote them.
 */
public final class RecordInput {

	private final DataInputStream in;

	private final ActorRefResolver resolver;

	RecordInput(DataInputStream in, ActorRefResolver resolver) {
		this.in = in;
		this.resolver = resolver;
	}

	public @Nullable String string() throws IOException {
		return this.in.readBoolean() ? new String(bytes(), StandardCharsets.UTF_8) : null;
	}

	public String requiredString() throws IOException {
		String value = string();
		if (value == null) {
			throw new IOException("A required string is missing");
		}
		return value;
	}

	public byte @Nullable [] bytes() throws IOException {
		int length = this.in.readInt();
		return (length < 0) ? null : this.in.readNBytes(length);
	}

	public byte[] requiredBytes() throws IOException {
		byte[] value = bytes();
		if (value == null) {
			throw new IOException("Required bytes are missing");
		}
		return value;
	}

	public <T> @Nullable ActorRef<T> ref() throws IOException {
		String path = this.in.readUTF();
		return path.isEmpty() ? null : this.resolver.resolveActorRef(path);
	}

	public <T> ActorRef<T> requiredRef() throws IOException {
		ActorRef<T> ref = ref();
		if (ref == null) {
			throw new IOException("A required actor reference is missing");
		}
		return ref;
	}

	public String shortText() throws IOException {
		return this.in.readUTF();
	}

	public int byteValue() throws IOException {
		return this.in.readByte();
	}

	public int intValue() throws IOException {
		return this.in.readInt();
	}

	public long longValue() throws IOException {
		return this.in.readLong();
	}

	public boolean bool() throws IOException {
		return this.in.readBoolean();
	}

	/** What {@link RecordOutput#shortTexts(Map)} wrote. */
	public Map<String, String> shortTexts() throws IOException {
		int count = this.in.readUnsignedByte();
		if (count == 0) {
			return Map.of();
		}
		if (count > RecordOutput.MAX_SHORT_TEXTS) {
			throw new IOException("More than " + RecordOutput.MAX_SHORT_TEXTS + " short texts: " + count);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			values.put(this.in.readUTF(), this.in.readUTF());
		}
		return values;
	}

}
