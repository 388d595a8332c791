package dev.actorspring.runtime.instance;

import java.time.Instant;
import java.util.Arrays;

import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StoredState;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;

/**
 * What an awake instance holds: its open storage, its state (as an object and as the JSON last captured and last
 * committed), its vars and its schedules. A turn's changes are captured after it succeeds and undone if it fails;
 * a group's are undone if its commit fails. Used on the instance's turns only.
 */
final class InstanceMemory {

	/** What a capture found changed. */
	enum Change {

		NONE, STATE, SCHEDULES, BOTH;

		boolean dirty() {
			return this != NONE;
		}

		boolean schedules() {
			return this == SCHEDULES || this == BOTH;
		}

	}

	private final ActorDefinition definition;

	private final ActorCodec codec;

	private final int maxStateBytes;

	private final ScheduleBook schedules;

	private @Nullable ActorStorage storage;

	private @Nullable Object state;

	private byte @Nullable [] stateBytes;

	private byte @Nullable [] committedBytes;

	private @Nullable Object vars;

	private String actorId = "";

	private Instant createdAt = Instant.EPOCH;

	InstanceMemory(ActorDefinition definition, ActorCodec codec, int maxStateBytes) {
		this.definition = definition;
		this.codec = codec;
		this.maxStateBytes = maxStateBytes;
		this.schedules = new ScheduleBook(codec);
	}

	/**
	 * Takes over an opened storage and the state it holds.
	 * @param opened the storage
	 * @throws RuntimeException if the stored state cannot be read; the storage is then closed
	 */
	void load(ActorStorage opened) {
		StoredState stored = opened.loaded();
		try {
			this.state = (this.definition.stateType() != null)
					? this.codec.decode(stored.state(), this.definition.stateType()) : null;
			this.schedules.load(stored.schedules());
		}
		catch (RuntimeException ex) {
			opened.close();
			this.state = null;
			this.schedules.clear();
			throw ex;
		}
		this.storage = opened;
		this.actorId = stored.actorId();
		this.createdAt = stored.createdAt();
		this.stateBytes = stored.state();
		this.committedBytes = stored.state();
	}

	/**
	 * Starts a new instance: an id and a creation time, no state and no schedules yet.
	 * @param actorId the new id
	 * @param createdAt the creation time
	 */
	void begin(String actorId, Instant createdAt) {
		this.schedules.clear();
		this.actorId = actorId;
		this.createdAt = createdAt;
	}

	/**
	 * The initial state of a new instance, as it will be stored.
	 * @return the state and the schedules its creation hooks set
	 */
	StoredState initial() {
		this.schedules.capture();
		return new StoredState(this.actorId, this.codec.encode(this.state), this.createdAt, this.schedules.bytes());
	}

	/**
	 * The new instance's storage was created with {@link #initial()}.
	 * @param created the storage
	 * @param initial what it was created with
	 */
	void created(ActorStorage created, StoredState initial) {
		this.storage = created;
		this.stateBytes = initial.state();
		this.committedBytes = this.stateBytes;
		this.schedules.committed();
	}

	/** Closes the storage and forgets everything; never throws. */
	void release() {
		if (this.storage != null) {
			this.storage.close();
		}
		this.storage = null;
		this.state = null;
		this.vars = null;
		this.stateBytes = null;
		this.committedBytes = null;
		this.schedules.clear();
	}

	/**
	 * Captures a successful turn's changes.
	 * @return what changed since the last capture
	 * @throws dev.actorspring.api.ActorException {@code state_too_large}; nothing is captured then
	 */
	Change capture() {
		byte[] bytes = (this.state != null) ? this.codec.encode(this.state) : null;
		if (bytes != null && bytes.length > this.maxStateBytes) {
			throw ActorErrors.stateTooLarge(bytes.length, this.maxStateBytes);
		}
		boolean scheduleChange = this.schedules.capture();
		boolean stateChange = bytes != null && !Arrays.equals(bytes, this.stateBytes);
		if (stateChange) {
			this.stateBytes = bytes;
		}
		return stateChange ? (scheduleChange ? Change.BOTH : Change.STATE)
				: (scheduleChange ? Change.SCHEDULES : Change.NONE);
	}

	/**
	 * Whether the state object differs from the last capture (a turn that may not change it did).
	 * @return whether it changed
	 */
	boolean stateChangedSinceCapture() {
		return this.state != null && !Arrays.equals(this.codec.encode(this.state), this.stateBytes);
	}

	/** Undoes a failed turn's changes: back to the last capture. */
	void restore() {
		this.schedules.restore();
		if (this.stateBytes != null && this.definition.stateType() != null) {
			this.state = this.codec.decode(this.stateBytes, this.definition.stateType());
		}
	}

	/** The captured state and schedules were committed. */
	void committed() {
		this.committedBytes = this.stateBytes;
		this.schedules.committed();
	}

	/** Undoes a group whose commit failed: back to what was last committed. */
	void rollBack() {
		this.stateBytes = this.committedBytes;
		this.schedules.rollBack();
		restore();
	}

	@Nullable ActorStorage storage() {
		return this.storage;
	}

	ActorStorage openStorage() {
		if (this.storage == null) {
			throw new IllegalStateException("No storage is open");
		}
		return this.storage;
	}

	ScheduleBook schedules() {
		return this.schedules;
	}

	@Nullable Object state() {
		return this.state;
	}

	void setState(@Nullable Object state) {
		this.state = state;
	}

	byte @Nullable [] stateBytes() {
		return this.stateBytes;
	}

	@Nullable Object vars() {
		return this.vars;
	}

	void setVars(@Nullable Object vars) {
		this.vars = vars;
	}

	String actorId() {
		return this.actorId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
