package dev.actorspring.test;

import java.util.Arrays;
import java.util.List;

import dev.actorspring.runtime.instance.InstanceSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One actor instance in an {@link ActorTestKit}: call its actions, read its state and the events it emitted,
 * put it to sleep. Calls wait for their answer; errors are thrown as the {@code ActorException} a client would
 * get.
 */
public final class TestActor {

	private final ActorTestKit kit;

	private final String name;

	private final String key;

	TestActor(ActorTestKit kit, String name, String key) {
		this.kit = kit;
		this.name = name;
		this.key = key;
	}

	/**
	 * Calls an action and converts its result.
	 * @param <T> the result type
	 * @param resultType the result type
	 * @param action the action
	 * @param args its arguments
	 * @return the result, after its commit
	 */
	public <T> @Nullable T call(Class<T> resultType, String action, Object... args) {
		byte[] output = ActorTestKit.wait(this.kit.runtime().call(this.name, this.key, action, json(args), null));
		return this.kit.codec().decode(output, this.kit.codec().type(resultType));
	}

	/**
	 * Calls an action whose result does not matter.
	 * @param action the action
	 * @param args its arguments
	 */
	public void call(String action, Object... args) {
		ActorTestKit.wait(this.kit.runtime().call(this.name, this.key, action, json(args), null));
	}

	/**
	 * Creates the instance explicitly with an input.
	 * @param input the create input
	 */
	public void create(@Nullable Object input) {
		JsonNode json = (input != null) ? this.kit.codec().mapper().valueToTree(input) : null;
		ActorTestKit.wait(this.kit.runtime().create(this.name, this.key, json));
	}

	/**
	 * The committed state, read on the instance's turn (the instance is loaded if it sleeps).
	 * @param <S> the state type
	 * @param stateType the state type
	 * @return the state
	 */
	public <S> S state(Class<S> stateType) {
		InstanceSnapshot snapshot = ActorTestKit.wait(this.kit.runtime().inspect(this.name, this.key, true));
		return this.kit.codec().mapper().treeToValue(snapshot.state(), stateType);
	}

	/**
	 * The pending durable schedules.
	 * @return the schedules, earliest first
	 */
	public List<dev.actorspring.api.ScheduledAction> schedules() {
		return ActorTestKit.wait(this.kit.runtime().inspect(this.name, this.key, true)).schedules();
	}

	/**
	 * The events this instance emitted so far, in order.
	 * @return the events
	 */
	public List<RecordedEvent> events() {
		return List.copyOf(this.kit.events(this.name, this.key));
	}

	/** Forgets the events recorded so far. */
	public void clearEvents() {
		this.kit.clearEvents(this.name, this.key);
	}

	/**
	 * Puts the instance to sleep now: {@code @OnSleep} runs and it leaves memory; the next call loads its state
	 * from disk and runs {@code @CreateVars} and {@code @OnWake} again.
	 */
	public void sleep() {
		ActorTestKit.wait(this.kit.runtime().sleep(this.name, this.key));
	}

	/** Destroys the instance. */
	public void destroy() {
		ActorTestKit.wait(this.kit.runtime().destroy(this.name, this.key));
	}

	private JsonNode json(Object[] args) {
		return this.kit.codec().mapper().valueToTree(Arrays.asList(args));
	}

}
