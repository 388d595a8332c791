package dev.actorspring.it;

import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.Action;
import dev.actorspring.api.ActorProxy;

/** A typed view of the counter actor, for {@code ActorClient.proxy}. */
@ActorProxy("counter")
public interface CounterApi {

	long increment(long by);

	@Action("get")
	CompletableFuture<Long> current();

	void refuse();

}
