package dev.actorspring.test;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import dev.actorspring.api.ActorHandle;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One actor instance in an {@link ActorTestKit}: call its actions, read its state and the events it emitted,
 * put it to sleep. Calls wait for their answer; errors are thrown as the {@code ActorException} a client would
 * get.
 */
public final class TestActor {

	private final ActorTestKit kit;

	private final String name;

	private final String key;

	private final @Nullable Principal principal;

	TestActor(ActorTestKit kit, String name, String key) {
		this(kit, name, key, null);
	}

	private TestActor(ActorTestKit kit, String name, String key, @Nullable Principal principal) {
		this.kit = kit;
		this.name = name;
		this.key = key;
		this.principal = principal;
	}

	/**
	 * The same instance, called by an authenticated user: its actions see {@code ActorContext.principal()} with
	 * this name, as when Spring Security authenticated a REST call.
	 * @param user the principal's name
	 * @return a view of this instance whose calls carry the principal
	 */
	public TestActor as(String user) {
		return new TestActor(this.kit, this.name, this.key, () -> user);
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
		if (this.principal != null) {
			byte[] output = ActorTestKit.wait(this.kit.runtime()
				.call(this.name, this.key, action, this.kit.codec().mapper().valueToTree(Arrays.asList(args)),
						this.principal));
			return this.kit.codec().decode(output, this.kit.codec().type(resultType));
		}
		return ActorTestKit.wait(handle().call(resultType, action, args));
	}

	/**
	 * Calls an action whose result does not matter.
	 * @param action the action
	 * @param args its arguments
	 */
	public void call(String action, Object... args) {
		call(Object.class, action, args);
	}

	/**
	 * Creates the instance explicitly with an input.
	 * @param input the create input
	 */
	public void create(@Nullable Object input) {
		ActorTestKit.wait(handle().create(input));
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
		ActorTestKit.wait(handle().destroy());
	}

	/** Calls go through the same client an application uses, so arguments convert exactly as there. */
	private ActorHandle handle() {
		return this.kit.client().get(this.name, this.key);
	}

}
