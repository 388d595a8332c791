package dev.actorspring.runtime.instance;

import java.time.Instant;
import java.util.UUID;

import dev.actorspring.api.ActorException;
import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StoredState;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.ActorDefinitionFactory;
import dev.actorspring.runtime.definition.HookType;
import dev.actorspring.runtime.definition.MethodBinding;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.ActorRuntimeListener.LifecycleEvent;
import dev.actorspring.runtime.mailbox.Blocking;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The activation room: an instance's life. It loads the instance from its file or creates it, wakes it
 * ({@code @CreateVars}, {@code @OnWake}), puts it to sleep, destroys it, and restarts it from its file after a
 * failure. Used on the instance's turns; the status is read from any thread.
 */
final class Activation {

	private static final Log logger = LogFactory.getLog(Activation.class);

	private static final Object[] NO_PAYLOAD = {};

	/** Where an instance is in its life. */
	enum Status {

		/** Not loaded: never activated, asleep, or failed to start; the next message loads it. */
		NEW,

		/** Looked up and found never created; a message that creates makes it ACTIVE. */
		ABSENT,

		/** Loaded and serving: state in memory, storage open. */
		ACTIVE

	}

	private final ActorInstance instance;

	private volatile Status status = Status.NEW;

	Activation(ActorInstance instance) {
		this.instance = instance;
	}

	boolean active() {
		return this.status == Status.ACTIVE;
	}

	/**
	 * Makes the instance ACTIVE if it exists, or if {@code create} is set.
	 * @param create whether to create it if it was never created
	 * @param input the create input
	 * @return whether it is ACTIVE
	 * @throws ActorException if loading or creating failed
	 */
	boolean activate(boolean create, @Nullable JsonNode input) {
		if (this.status == Status.ACTIVE) {
			return true;
		}
		if (this.status == Status.NEW) {
			ActorStorage opened;
			try {
				// opening may wait on the disk: the mailbox pool makes up for this thread meanwhile
				StateStore store = this.instance.services().store();
				opened = Blocking.call(store.commitsMayBlock(), () -> store.open(name(), this.instance.key()));
				if (opened != null) {
					this.instance.memory().load(opened);
				}
			}
			catch (RuntimeException ex) {
				throw failed(ex);
			}
			if (opened != null) {
				wake();
				lifecycle(LifecycleEvent.WAKE);
				return true;
			}
			this.status = Status.ABSENT;
		}
		if (!create) {
			return false;
		}
		createNew(input);
		lifecycle(LifecycleEvent.CREATE);
		wake();
		return true;
	}

	/** Puts the instance to sleep: {@code @OnSleep}, commit, connections closed, storage closed. */
	void sleep(String reason) {
		if (this.status != Status.ACTIVE) {
			return;
		}
		this.instance.turns().hookLoggingFailure(HookType.ON_SLEEP, null);
		this.instance.commits().flush();
		this.instance.turns().takeRequest(); // asked in @OnSleep: the instance is leaving already
		this.instance.connections().closeAll(1001, reason);
		Instant next = this.instance.nextDue();
		release();
		this.instance.services().scheduleTimer().settle(name(), this.instance.key(), next);
		lifecycle(LifecycleEvent.SLEEP);
	}

	/**
	 * Destroys the instance: {@code @OnDestroy}, connections closed, storage deleted.
	 * @throws ActorException {@code 503} if the store refuses the removal now (nothing is done)
	 */
	void destroy() {
		try {
			this.instance.services().store().checkCanDelete(name(), this.instance.key());
		}
		catch (StateStoreException ex) {
			throw ActorErrors.storageFailed(ex);
		}
		this.instance.turns().hookLoggingFailure(HookType.ON_DESTROY, null);
		this.instance.commits().flush();
		this.instance.turns().takeRequest(); // asked in @OnDestroy: else the next message's new life would end too
		this.instance.connections().closeAll(1000, "actor.destroyed");
		release();
		try {
			this.instance.services().store().delete(name(), this.instance.key());
		}
		catch (StateStoreException ex) {
			if (ex.code() != null) {
				// refused on purpose, nothing deleted (cluster mode: no other node recorded the destroy): the actor
				// stays, and its next request loads it from its file again
				logger.warn("Did not destroy " + this.instance + ": " + ex.getMessage());
				throw ActorErrors.storageFailed(ex);
			}
			throw deleteFailed(ex);
		}
		catch (RuntimeException ex) {
			throw deleteFailed(ex);
		}
		this.status = Status.ABSENT;
		try {
			this.instance.services().scheduleTimer().forget(name(), this.instance.key());
		}
		catch (RuntimeException ex) {
			logger.error("Could not remove " + this.instance + " from the schedule index", ex);
		}
		lifecycle(LifecycleEvent.DESTROY);
	}

	/**
	 * The file could not be deleted (an I/O error): the destroy is not done, so its caller is not told it was (it may
	 * retry), and the actor's next request loads it from what is left of its file.
	 */
	private ActorException deleteFailed(RuntimeException ex) {
		logger.error("Could not delete the storage of " + this.instance, ex);
		return ActorErrors.storageFailed(ex);
	}

	/** Reloads the instance from its file, keeping its connections (after a failure). */
	void restart() {
		this.instance.commits().flush();
		release();
		try {
			activate(false, null);
		}
		catch (ActorException ex) {
			this.instance.connections().closeAll(1011, "actor.restart_failed");
		}
	}

	private void createNew(@Nullable JsonNode input) {
		InstanceMemory memory = this.instance.memory();
		memory.begin(UUID.randomUUID().toString(), this.instance.services().scheduleTimer().clock().instant());
		try {
			ActorDefinition definition = this.instance.definition();
			if (definition.stateful()) {
				MethodBinding createState = definition.hook(HookType.CREATE_STATE);
				Object state = (createState != null) ? creationHook(createState, input)
						: ActorDefinitionFactory.newState(definition);
				if (state == null) {
					throw new IllegalStateException("@CreateState returned null");
				}
				memory.setState(state);
			}
			MethodBinding onCreate = definition.hook(HookType.ON_CREATE);
			if (onCreate != null) {
				creationHook(onCreate, input);
			}
			StoredState initial = memory.initial();
			this.instance.services().scheduleTimer().beforeCommit(name(), this.instance.key(),
					memory.schedules().earliest());
			StateStore store = this.instance.services().store();
			memory.created(Blocking.call(store.commitsMayBlock(), () -> store.create(name(), this.instance.key(), initial)),
					initial);
		}
		catch (Throwable ex) {
			memory.release();
			throw (ex instanceof ActorException actorException) ? actorException : failed(ex);
		}
	}

	/** Runs {@code @CreateState} or {@code @OnCreate}: nothing is stored yet and nobody is connected. */
	private @Nullable Object creationHook(MethodBinding hook, @Nullable JsonNode input) throws Throwable {
		Object[] payload = this.instance.services().invoker().convertPayload(hook, input);
		return this.instance.turns()
			.run(TurnKind.CREATION, null, null, CallChain.EMPTY,
					() -> this.instance.services().invoker().invoke(hook, this.instance.context(), null, payload))
			.resultOrThrow();
	}

	private void wake() {
		try {
			MethodBinding createVars = this.instance.definition().hook(HookType.CREATE_VARS);
			this.instance.memory().setVars((createVars != null) ? this.instance.turns().hook(createVars, null, NO_PAYLOAD) : null);
			MethodBinding onWake = this.instance.definition().hook(HookType.ON_WAKE);
			if (onWake != null) {
				this.instance.turns().hook(onWake, null, NO_PAYLOAD);
			}
			this.instance.queues().wake();
			this.status = Status.ACTIVE;
			this.instance.services().scheduleTimer().afterCommit(name(), this.instance.key(), this.instance.nextDue(),
					!this.instance.definition().queues().isEmpty());
		}
		catch (Throwable ex) {
			this.instance.commits().flush();
			release();
			throw failed(ex);
		}
	}

	private void release() {
		this.instance.queues().release();
		this.instance.memory().release();
		this.status = Status.NEW;
	}

	private void lifecycle(LifecycleEvent event) {
		this.instance.services().listener().lifecycle(name(), event);
	}

	private String name() {
		return this.instance.definition().name();
	}

	private ActorException failed(Throwable ex) {
		if (ex instanceof StateStoreException refusal && refusal.code() != null) {
			// refused on purpose (cluster mode without a node for the copy): the caller may try again
			logger.warn("Did not start " + this.instance + ": " + refusal.getMessage());
			return ActorErrors.storageFailed(refusal);
		}
		logger.error("Could not start " + this.instance, ex);
		return ActorErrors.activationFailed(name(), ex);
	}

}
