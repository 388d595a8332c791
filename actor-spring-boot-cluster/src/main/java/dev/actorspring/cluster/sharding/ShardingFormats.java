package dev.actorspring.cluster.sharding;

import java.io.IOException;
import java.util.List;

import dev.actorspring.cluster.serialization.MessageFormats;
import dev.actorspring.cluster.serialization.RecordInput;
import dev.actorspring.cluster.serialization.RecordOutput;

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
			out.string(request.idempotencyKey());
			out.shortTexts(request.trace());
			out.ref(request.replyTo());
		}, (in) -> new EntityRequest(EntityRequest.Kind.values()[in.byteValue()], in.string(), in.bytes(), in.string(),
				in.string(), in.shortTexts(), in.requiredRef())), new Format<>(EntityReply.class, "A", ShardingFormats::reply, ShardingFormats::reply),
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
					out.string(request.idempotencyKey());
					out.shortTexts(request.trace());
					out.longValue(request.callId());
					out.ref(request.replyTo());
				}, (in) -> new ConnectionMessages.ConnectionRequest(in.requiredString(),
						ConnectionMessages.Op.values()[in.byteValue()], in.string(), in.bytes(), in.string(),
						in.shortTexts(), in.longValue(), in.ref())),
				new Format<>(ConnectionMessages.SinkReply.class, "SR", (out, answer) -> {
					out.longValue(answer.callId());
					reply(out, answer.reply());
				}, (in) -> new ConnectionMessages.SinkReply(in.longValue(), reply(in))),
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

	private static void reply(RecordOutput out, EntityReply reply) throws IOException {
		out.bytes(reply.output());
		out.string(reply.group());
		out.string(reply.code());
		out.string(reply.message());
		out.intValue(reply.status());
	}

	private static EntityReply reply(RecordInput in) throws IOException {
		return new EntityReply(in.bytes(), in.string(), in.string(), in.string(), in.intValue());
	}

}
