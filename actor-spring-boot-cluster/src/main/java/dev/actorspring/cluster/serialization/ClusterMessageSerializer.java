package dev.actorspring.cluster.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@link ClusterMessage}s as small binary records, each in the format its package declares
 * ({@link MessageFormats}, found with {@link ServiceLoader}). Bound in the Pekko configuration that
 * {@code ActorClusterAutoConfiguration} builds.
 */
public final class ClusterMessageSerializer extends SerializerWithStringManifest {

	/** The serializer id, unique among a Pekko system's serializers. */
	public static final int IDENTIFIER = 1_742_001;

	private final ExtendedActorSystem system;

	private final Map<Class<?>, MessageFormats.Format<?>> byType = new HashMap<>();

	private final Map<String, MessageFormats.Format<?>> byManifest = new HashMap<>();

	private volatile @Nullable ActorRefResolver resolver;

	public ClusterMessageSerializer(ExtendedActorSystem system) {
		this.system = system;
		for (MessageFormats formats : ServiceLoader.load(MessageFormats.class, system.dynamicAccess().classLoader())) {
			for (MessageFormats.Format<?> format : formats.formats()) {
				if (this.byManifest.put(format.manifest(), format) != null) {
					throw new IllegalStateException("Two cluster messages share the manifest " + format.manifest());
				}
				this.byType.put(format.type(), format);
			}
		}
	}

	@Override
	public int identifier() {
		return IDENTIFIER;
	}

	@Override
	public String manifest(Object message) {
		return format(message).manifest();
	}

	@Override
	public byte[] toBinary(Object message) {
		MessageFormats.Format<?> format = format(message);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			format.write(new RecordOutput(out, resolver()), message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
		MessageFormats.Format<?> format = this.byManifest.get(manifest);
		if (format == null) {
			throw new NotSerializableException("Unknown manifest " + manifest);
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			return format.reader().read(new RecordInput(in, resolver()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private MessageFormats.Format<?> format(Object message) {
		MessageFormats.Format<?> format = this.byType.get(message.getClass());
		if (format == null) {
			throw new IllegalArgumentException("Not a cluster message: " + message.getClass());
		}
		return format;
	}

	private ActorRefResolver resolver() {
		ActorRefResolver resolver = this.resolver;
		if (resolver == null) {
			resolver = ActorRefResolver.get(Adapter.toTyped(this.system));
			this.resolver = resolver;
		}
		return resolver;
	}

}
