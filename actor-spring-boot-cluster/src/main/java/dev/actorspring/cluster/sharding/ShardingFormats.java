package dev.actorspring.cluster.sharding;

import java.util.List;

import dev.actorspring.cluster.serialization.MessageFormats;

/**
 * The wire formats of the requests to entities and of the connections' frames.
 */
public final class ShardingFormats implements MessageFormats {

	@Override
	public List<Format<?>> formats() {
		return List.of(new Format<>(EntityRequest.class, "R", (out, request) -> {
			out.byteValue(request.kind().ordinal());
			out.string(request.action());
			out.bytes(request.json());
			out.string(request.principal());
			out.ref(request.replyTo());
		}, (in) -> new EntityRequest(EntityRequest.Kind.values()[in.byteValue()], in.string(), in.bytes(), in.string(),
				in.requiredRef())), new Format<>(EntityReply.class, "A", (out, reply) -> {
					out.bytes(reply.output());
					out.string(reply.group());
					out.string(reply.code());
					out.string(reply.message());
					out.intValue(reply.status());
				}, (in) -> new EntityReply(in.bytes(), in.string(), in.string(), in.string(), in.intValue())),
				new Format<>(ConnectionMessages.Connect.class, "CC", (out, connect) -> {
					out.bytes(connect.params());
					out.string(connect.principal());
					out.ref(connect.sink());
					out.ref(connect.replyTo());
				}, (in) -> new ConnectionMessages.Connect(in.bytes(), in.string(), in.requiredRef(), in.requiredRef())),
				new Format<>(ConnectionMessages.ConnectionRequest.class, "CQ", (out, request) -> {
					out.string(request.connectionId());
					out.byteValue(request.op().ordinal());
					out.string(request.name());
					out.bytes(request.args());
					out.ref(request.replyTo());
				}, (in) -> new ConnectionMessages.ConnectionRequest(in.requiredString(),
						ConnectionMessages.Op.values()[in.byteValue()], in.string(), in.bytes(), in.ref())),
				new Format<>(ConnectionMessages.SinkInit.class, "SI", (out, init) -> {
					out.string(init.actorId());
					out.string(init.connectionId());
					out.ref(init.owner());
				}, (in) -> new ConnectionMessages.SinkInit(in.requiredString(), in.requiredString(), in.requiredRef())),
				new Format<>(ConnectionMessages.SinkEvent.class, "SE", (out, event) -> {
					out.string(event.name());
					out.bytes(event.argsJson());
				}, (in) -> new ConnectionMessages.SinkEvent(in.requiredString(), in.requiredBytes())),
				new Format<>(ConnectionMessages.SinkClose.class, "SX", (out, close) -> {
					out.intValue(close.code());
					out.string(close.reason());
				}, (in) -> new ConnectionMessages.SinkClose(in.intValue(), in.requiredString())));
	}

}
