package dev.actorspring.cluster.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.actorspring.cluster.replication.FileProtocol;
import dev.actorspring.cluster.sharding.ConnectionMessages;
import dev.actorspring.cluster.sharding.EntityReply;
import dev.actorspring.cluster.sharding.EntityRequest;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@link ClusterMessage}s as small binary records (strings and byte arrays with a length, -1 for none,
 * actor references in Pekko's own format). Bound in the Pekko configuration that
 * {@code ActorClusterAutoConfiguration} builds.
 */
public final class ClusterMessageSerializer extends SerializerWithStringManifest {

	/** The serializer id, unique among a Pekko system's serializers. */
	public static final int IDENTIFIER = 1_742_001;

	private static final String REQUEST = "R";

	private static final String REPLY = "A";

	private static final String CONNECT = "CC";

	private static final String CONNECTION_REQUEST = "CQ";

	private static final String SINK_INIT = "SI";

	private static final String SINK_EVENT = "SE";

	private static final String SINK_CLOSE = "SX";

	private static final String INQUIRE = "FI";

	private static final String FENCE = "FF";

	private static final String COPY_INFO = "FC";

	private static final String FETCH = "FG";

	private static final String CHUNK = "FK";

	private static final String REPLICA_WRITE = "FW";

	private static final String DROP = "FD";

	private static final String ACK = "FA";

	/** The manifest of each message class; {@link #fromBinary} reads them back. */
	private static final Map<Class<?>, String> MANIFESTS = Map.ofEntries(Map.entry(EntityRequest.class, REQUEST),
			Map.entry(EntityReply.class, REPLY), Map.entry(ConnectionMessages.Connect.class, CONNECT),
			Map.entry(ConnectionMessages.ConnectionRequest.class, CONNECTION_REQUEST),
			Map.entry(ConnectionMessages.SinkInit.class, SINK_INIT), Map.entry(ConnectionMessages.SinkEvent.class, SINK_EVENT),
			Map.entry(ConnectionMessages.SinkClose.class, SINK_CLOSE), Map.entry(FileProtocol.Inquire.class, INQUIRE),
			Map.entry(FileProtocol.Fence.class, FENCE), Map.entry(FileProtocol.CopyInfo.class, COPY_INFO),
			Map.entry(FileProtocol.Fetch.class, FETCH), Map.entry(FileProtocol.Chunk.class, CHUNK),
			Map.entry(FileProtocol.ReplicaWrite.class, REPLICA_WRITE), Map.entry(FileProtocol.Drop.class, DROP),
			Map.entry(FileProtocol.Ack.class, ACK));

	private final ExtendedActorSystem system;

	private volatile @Nullable ActorRefResolver resolver;

	public ClusterMessageSerializer(ExtendedActorSystem system) {
		this.system = system;
	}

	@Override
	public int identifier() {
		return IDENTIFIER;
	}

	@Override
	public String manifest(Object message) {
		String manifest = MANIFESTS.get(message.getClass());
		if (manifest == null) {
			throw new IllegalArgumentException("Not a cluster message: " + message.getClass());
		}
		return manifest;
	}

	@Override
	public byte[] toBinary(Object message) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			writeMessage(out, message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			return switch (manifest) {
				case REQUEST -> new EntityRequest(EntityRequest.Kind.values()[in.readByte()], readString(in),
						readBytes(in), readString(in), ref(in));
				case REPLY -> new EntityReply(readBytes(in), readString(in), readString(in), readString(in), in.readInt());
				case CONNECT -> new ConnectionMessages.Connect(readBytes(in), readString(in), ref(in), ref(in));
				case CONNECTION_REQUEST -> new ConnectionMessages.ConnectionRequest(readString(in),
						ConnectionMessages.Op.values()[in.readByte()], readString(in), readBytes(in), ref(in));
				case SINK_INIT -> new ConnectionMessages.SinkInit(readString(in), readString(in), ref(in));
				case SINK_EVENT -> new ConnectionMessages.SinkEvent(readString(in), readBytes(in));
				case SINK_CLOSE -> new ConnectionMessages.SinkClose(in.readInt(), readString(in));
				case INQUIRE -> new FileProtocol.Inquire(in.readUTF(), readString(in), ref(in));
				case FENCE -> new FileProtocol.Fence(in.readUTF(), readString(in), in.readLong(), ref(in));
				case COPY_INFO -> new FileProtocol.CopyInfo(in.readInt(), in.readLong(), in.readLong(), in.readLong());
				case FETCH -> new FileProtocol.Fetch(in.readUTF(), readString(in), in.readInt(), in.readInt(), in.readLong(),
						ref(in));
				case CHUNK -> new FileProtocol.Chunk(readBytes(in), in.readLong());
				case REPLICA_WRITE -> new FileProtocol.ReplicaWrite(in.readUTF(), readString(in), in.readLong(),
						in.readLong(), in.readInt(), in.readBoolean(), in.readLong(), readBytes(in), in.readBoolean(),
						ref(in));
				case DROP -> new FileProtocol.Drop(in.readUTF(), readString(in), in.readLong(), ref(in));
				case ACK -> new FileProtocol.Ack(in.readBoolean(), in.readUTF());
				default -> throw new NotSerializableException("Unknown manifest " + manifest);
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeMessage(DataOutputStream out, Object message) throws IOException {
		if (message instanceof EntityRequest request) {
			out.writeByte(request.kind().ordinal());
			writeString(out, request.action());
			writeBytes(out, request.json());
			writeString(out, request.principal());
			ref(out, request.replyTo());
		}
		else if (message instanceof EntityReply reply) {
			writeBytes(out, reply.output());
			writeString(out, reply.group());
			writeString(out, reply.code());
			writeString(out, reply.message());
			out.writeInt(reply.status());
		}
		else if (message instanceof ConnectionMessages.Connect connect) {
			writeBytes(out, connect.params());
			writeString(out, connect.principal());
			ref(out, connect.sink());
			ref(out, connect.replyTo());
		}
		else if (message instanceof ConnectionMessages.ConnectionRequest request) {
			writeString(out, request.connectionId());
			out.writeByte(request.op().ordinal());
			writeString(out, request.name());
			writeBytes(out, request.args());
			ref(out, request.replyTo());
		}
		else if (message instanceof ConnectionMessages.SinkInit init) {
			writeString(out, init.actorId());
			writeString(out, init.connectionId());
			ref(out, init.owner());
		}
		else if (message instanceof ConnectionMessages.SinkEvent event) {
			writeString(out, event.name());
			writeBytes(out, event.argsJson());
		}
		else if (message instanceof ConnectionMessages.SinkClose close) {
			out.writeInt(close.code());
			writeString(out, close.reason());
		}
		else if (message instanceof FileProtocol.Inquire inquire) {
			actorAndKey(out, inquire.actor(), inquire.key());
			ref(out, inquire.replyTo());
		}
		else if (message instanceof FileProtocol.Fence fence) {
			actorAndKey(out, fence.actor(), fence.key());
			out.writeLong(fence.generation());
			ref(out, fence.replyTo());
		}
		else if (message instanceof FileProtocol.CopyInfo info) {
			out.writeInt(info.role());
			out.writeLong(info.generation());
			out.writeLong(info.seq());
			out.writeLong(info.fence());
		}
		else if (message instanceof FileProtocol.Fetch fetch) {
			actorAndKey(out, fetch.actor(), fetch.key());
			out.writeInt(fetch.role());
			out.writeInt(fetch.target());
			out.writeLong(fetch.offset());
			ref(out, fetch.replyTo());
		}
		else if (message instanceof FileProtocol.Chunk chunk) {
			writeBytes(out, chunk.bytes());
			out.writeLong(chunk.length());
		}
		else if (message instanceof FileProtocol.ReplicaWrite write) {
			actorAndKey(out, write.actor(), write.key());
			out.writeLong(write.generation());
			out.writeLong(write.seq());
			out.writeInt(write.target());
			out.writeBoolean(write.full());
			out.writeLong(write.offset());
			writeBytes(out, write.bytes());
			out.writeBoolean(write.commit());
			ref(out, write.replyTo());
		}
		else if (message instanceof FileProtocol.Drop drop) {
			actorAndKey(out, drop.actor(), drop.key());
			out.writeLong(drop.generation());
			ref(out, drop.replyTo());
		}
		else if (message instanceof FileProtocol.Ack ack) {
			out.writeBoolean(ack.ok());
			out.writeUTF(ack.reason());
		}
		else {
			throw new IllegalArgumentException("Not a cluster message: " + message.getClass());
		}
	}

	/** Actor type names are short; keys may be long, so they go as length-prefixed UTF-8. */
	private static void actorAndKey(DataOutputStream out, String actor, String key) throws IOException {
		out.writeUTF(actor);
		writeString(out, key);
	}

	/** An actor reference in Pekko's format; an empty string for none. */
	private void ref(DataOutputStream out, org.apache.pekko.actor.typed.@Nullable ActorRef<?> ref) throws IOException {
		out.writeUTF((ref != null) ? resolver().toSerializationFormat(ref) : "");
	}

	private <T> org.apache.pekko.actor.typed.@Nullable ActorRef<T> ref(DataInputStream in) throws IOException {
		String path = in.readUTF();
		return path.isEmpty() ? null : resolver().resolveActorRef(path);
	}

	private ActorRefResolver resolver() {
		ActorRefResolver resolver = this.resolver;
		if (resolver == null) {
			resolver = ActorRefResolver.get(Adapter.toTyped(this.system));
			this.resolver = resolver;
		}
		return resolver;
	}

	private static void writeString(DataOutputStream out, @Nullable String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			writeBytes(out, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	private static @Nullable String readString(DataInputStream in) throws IOException {
		return in.readBoolean() ? new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

	private static void writeBytes(DataOutputStream out, byte @Nullable [] value) throws IOException {
		out.writeInt((value != null) ? value.length : -1);
		if (value != null) {
			out.write(value);
		}
	}

	private static byte @Nullable [] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		return (length < 0) ? null : in.readNBytes(length);
	}

}
