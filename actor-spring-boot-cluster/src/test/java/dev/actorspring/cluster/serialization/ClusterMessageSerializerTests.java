package dev.actorspring.cluster.serialization;

import java.util.List;
import java.util.Map;

import com.typesafe.config.ConfigFactory;
import dev.actorspring.cluster.replication.FileProtocol;
import dev.actorspring.cluster.sharding.ConnectionMessages;
import dev.actorspring.cluster.sharding.EntityCommand;
import dev.actorspring.cluster.sharding.EntityReply;
import dev.actorspring.cluster.sharding.EntityRequest;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message that crosses nodes goes through the project's serializer and comes back equal (byte arrays
 * compared by content), nulls included.
 */
class ClusterMessageSerializerTests {

	private static ActorSystem<Object> system;

	@BeforeAll
	static void start() {
		system = ActorSystem.create(Behaviors.empty(), "serializer-test", ConfigFactory.parseMap(Map.of(
				"pekko.actor.serializers.actor-spring", ClusterMessageSerializer.class.getName(),
				"pekko.actor.serialization-bindings.\"" + ClusterMessage.class.getName() + "\"", "actor-spring",
				"pekko.loglevel", "WARNING")).withFallback(ConfigFactory.load()));
	}

	@AfterAll
	static void stop() {
		system.terminate();
	}

	@Test
	void everyClusterMessageRoundTrips() {
		ActorRef<EntityReply> replies = system.systemActorOf(Behaviors.empty(), "replies",
				org.apache.pekko.actor.typed.Props.empty());
		ActorRef<EntityCommand> entity = system.systemActorOf(Behaviors.empty(), "entity",
				org.apache.pekko.actor.typed.Props.empty());
		ActorRef<ConnectionMessages.SinkMessage> sink = system.systemActorOf(Behaviors.empty(), "sink",
				org.apache.pekko.actor.typed.Props.empty());
		ActorRef<FileProtocol.CopyInfo> infos = system.systemActorOf(Behaviors.empty(), "infos",
				org.apache.pekko.actor.typed.Props.empty());
		ActorRef<FileProtocol.Chunk> chunks = system.systemActorOf(Behaviors.empty(), "chunks",
				org.apache.pekko.actor.typed.Props.empty());
		ActorRef<FileProtocol.Ack> acks = system.systemActorOf(Behaviors.empty(), "acks",
				org.apache.pekko.actor.typed.Props.empty());
		byte[] json = "[1,\"é\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String longKey = "k".repeat(70_000);
		List<Object> messages = List.of(
				new EntityRequest(EntityRequest.Kind.CALL, "increment", json, "alice", "order-17",
						Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), replies),
				new EntityRequest(EntityRequest.Kind.DESCRIBE, null, null, null, null, Map.of(), replies),
				new EntityReply(json, null, null, null, 0),
				new EntityReply(null, "actor", "action_not_found", "No action 'x'.", 404),
				new ConnectionMessages.Connect(json, null, sink, replies),
				new ConnectionMessages.ConnectionRequest("c1", ConnectionMessages.Op.SUBSCRIBE, "changed", null, null, Map.of(), 0,
						null),
				new ConnectionMessages.ConnectionRequest("c1", ConnectionMessages.Op.CALL, "get", json, "k-1",
						Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate", "a=1"),
						1L << 40, sink),
				new ConnectionMessages.SinkReply(7, new EntityReply(json, null, null, null, 0)),
				new ConnectionMessages.SinkReply(8, new EntityReply(null, "cluster", "connection_lost", "Gone.", 410)),
				new ConnectionMessages.SinkInit("a1", "c1", entity), new ConnectionMessages.SinkEvent("changed", json),
				new ConnectionMessages.SinkClose(1001, "going away"),
				new FileProtocol.Inquire("counter", longKey, infos), new FileProtocol.Fence("counter", "k", 7,
						"pekko://actor-spring@10.0.0.1:25520#-4242", infos),
				new FileProtocol.CopyInfo(1, 7, 42, 8, 6, 40, "pekko://actor-spring@10.0.0.2:25520#17"), new FileProtocol.Fetch("counter", "k", 0, 1, 4096, chunks),
				new FileProtocol.Chunk(json, 1 << 20),
				new FileProtocol.ReplicaWrite("counter", "k", 7, 43, 1, false, 8192, json, true, acks),
				new FileProtocol.Drop("counter", "k", 9, 77, acks), new FileProtocol.Ack(false, "fenced"));
		Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
		for (Object message : messages) {
			byte[] bytes = serialization.serialize(message).get();
			assertThat(serialization.findSerializerFor(message).identifier())
				.isEqualTo(ClusterMessageSerializer.IDENTIFIER);
			Object back = serialization.deserialize(bytes, ClusterMessageSerializer.IDENTIFIER,
					Serializers.manifestFor(serialization.findSerializerFor(message), message)).get();
			assertThat(back).as(message.getClass().getSimpleName()).usingRecursiveComparison().isEqualTo(message);
		}
	}

}
