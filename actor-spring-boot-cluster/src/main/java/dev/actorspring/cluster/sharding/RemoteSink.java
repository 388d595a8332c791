package dev.actorspring.cluster.sharding;

import dev.actorspring.cluster.sharding.ConnectionMessages.SinkClose;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkEvent;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkInit;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkMessage;
import dev.actorspring.runtime.placement.ConnectionSink;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * On the owner, the sink of a connection whose client is on another node: sends each frame to that node's
 * {@link ConnectionSinkActor}.
 */
record RemoteSink(ActorRef<SinkMessage> target, ActorRef<EntityCommand> owner) implements ConnectionSink {

	@Override
	public void init(String actorId, String connectionId) {
		this.target.tell(new SinkInit(actorId, connectionId, this.owner));
	}

	@Override
	public void event(String name, byte[] argsJson) {
		this.target.tell(new SinkEvent(name, argsJson));
	}

	@Override
	public void close(int code, String reason) {
		this.target.tell(new SinkClose(code, reason));
	}

}
