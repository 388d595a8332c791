package dev.actorspring.runtime.instance;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.actorspring.api.ActorClient;

import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.runtime.invoke.MethodInvoker;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import org.jspecify.annotations.Nullable;

/**
 * What every instance uses, shared by all of them.
 *
 * @param codec JSON conversion
 * @param invoker method invocation
 * @param store state storage
 * @param executor the bounded pool that runs mailboxes
 * @param maxBatch the most messages one mailbox run processes, and so the most actions one group commit holds
 * @param sleepTimeout how long an idle instance stays awake, unless its type says otherwise
 * @param client the client handed to actors by {@code ActorContext.actors()}, resolved on first use
 * @param scheduleTimer wakes instances whose schedules are due
 * @param listener told what the instances do, for metrics
 * @param eventTap sees every emitted event with its instance's key, or {@code null} (tests)
 */
public record InstanceServices(ActorCodec codec, MethodInvoker invoker, StateStore store, Executor executor,
		int maxBatch, Duration sleepTimeout, Supplier<ActorClient> client, ScheduleTimer scheduleTimer,
		ActorRuntimeListener listener, @Nullable EventTap eventTap) {
}
