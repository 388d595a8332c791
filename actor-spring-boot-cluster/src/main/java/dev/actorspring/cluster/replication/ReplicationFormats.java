package dev.actorspring.cluster.replication;

import java.util.List;

import dev.actorspring.cluster.serialization.MessageFormats;

/**
 * The wire formats of the file protocol between nodes' file services.
 */
public final class ReplicationFormats implements MessageFormats {

	@Override
	public List<Format<?>> formats() {
		return List.of(new Format<>(FileProtocol.Inquire.class, "FI", (out, inquire) -> {
			out.actorAndKey(inquire.actor(), inquire.key());
			out.ref(inquire.replyTo());
		}, (in) -> new FileProtocol.Inquire(in.shortText(), in.requiredString(), in.requiredRef())),
				new Format<>(FileProtocol.Fence.class, "FF", (out, fence) -> {
					out.actorAndKey(fence.actor(), fence.key());
					out.longValue(fence.generation());
					out.shortText(fence.claimant());
					out.ref(fence.replyTo());
				}, (in) -> new FileProtocol.Fence(in.shortText(), in.requiredString(), in.longValue(), in.shortText(),
						in.requiredRef())),
				new Format<>(FileProtocol.CopyInfo.class, "FC", (out, info) -> {
					out.intValue(info.role());
					out.longValue(info.generation());
					out.longValue(info.seq());
					out.longValue(info.fence());
					out.longValue(info.droppedGeneration());
					out.longValue(info.droppedSeq());
					out.shortText(info.fenceClaimant());
				}, (in) -> new FileProtocol.CopyInfo(in.intValue(), in.longValue(), in.longValue(), in.longValue(),
						in.longValue(), in.longValue(), in.shortText())),
				new Format<>(FileProtocol.Fetch.class, "FG", (out, fetch) -> {
					out.actorAndKey(fetch.actor(), fetch.key());
					out.intValue(fetch.role());
					out.intValue(fetch.target());
					out.longValue(fetch.offset());
					out.ref(fetch.replyTo());
				}, (in) -> new FileProtocol.Fetch(in.shortText(), in.requiredString(), in.intValue(), in.intValue(),
						in.longValue(), in.requiredRef())),
				new Format<>(FileProtocol.Chunk.class, "FK", (out, chunk) -> {
					out.bytes(chunk.bytes());
					out.longValue(chunk.length());
				}, (in) -> new FileProtocol.Chunk(in.requiredBytes(), in.longValue())),
				new Format<>(FileProtocol.ReplicaWrite.class, "FW", (out, write) -> {
					out.actorAndKey(write.actor(), write.key());
					out.longValue(write.generation());
					out.longValue(write.seq());
					out.intValue(write.target());
					out.bool(write.full());
					out.longValue(write.offset());
					out.bytes(write.bytes());
					out.bool(write.commit());
					out.ref(write.replyTo());
				}, (in) -> new FileProtocol.ReplicaWrite(in.shortText(), in.requiredString(), in.longValue(),
						in.longValue(), in.intValue(), in.bool(), in.longValue(), in.requiredBytes(), in.bool(),
						in.requiredRef())),
				new Format<>(FileProtocol.Drop.class, "FD", (out, drop) -> {
					out.actorAndKey(drop.actor(), drop.key());
					out.longValue(drop.generation());
					out.longValue(drop.seq());
					out.ref(drop.replyTo());
				}, (in) -> new FileProtocol.Drop(in.shortText(), in.requiredString(), in.longValue(), in.longValue(),
						in.requiredRef())),
				new Format<>(FileProtocol.Unfence.class, "FU", (out, unfence) -> {
					out.actorAndKey(unfence.actor(), unfence.key());
					out.longValue(unfence.generation());
				}, (in) -> new FileProtocol.Unfence(in.shortText(), in.requiredString(), in.longValue())),
				new Format<>(FileProtocol.Ack.class, "FA", (out, ack) -> {
					out.bool(ack.ok());
					out.shortText(ack.reason());
				}, (in) -> new FileProtocol.Ack(in.bool(), in.shortText())));
	}

}
