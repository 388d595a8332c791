package dev.actorspring.runtime.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.Connection;
import dev.actorspring.api.CreateState;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnStateChange;
import dev.actorspring.api.OnWake;
import dev.actorspring.codec.ActorCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorDefinitionFactoryTests {

	private final ActorDefinitionFactory factory = new ActorDefinitionFactory(new ActorCodec(JsonMapper.builder().build()));

	@Test
	void readsNameActionsHooksAndStateType() {
		ActorDefinition definition = this.factory.create(new GoodActor());
		assertThat(definition.name()).isEqualTo("goodActor");
		assertThat(definition.actions()).containsOnlyKeys("add", "renamed");
		assertThat(definition.hooks()).containsOnlyKeys(HookType.ON_WAKE, HookType.CREATE_VARS, HookType.ON_STATE_CHANGE);
		assertThat(definition.stateType().getRawClass()).isEqualTo(GoodActor.State.class);
		MethodBinding add = definition.action("add").binding();
		assertThat(add.payloadCount()).isEqualTo(2);
		assertThat(add.requiredPayloadCount()).isEqualTo(2);
	}

	@Test
	void anActorWithoutStateIsStateless() {
		assertThat(this.factory.create(new Stateless()).stateful()).isFalse();
	}

	@Test
	void rejectsDuplicateActionNames() {
		assertInvalid(new DuplicateActions(), "duplicate action name 'twice'");
	}

	@Test
	void rejectsHooksWithUnsupportedSignatures() {
		assertInvalid(new BadHookReturn(), "@OnWake must return void");
		assertInvalid(new BadHookParameters(), "takes 1 value parameters but at most 0");
		assertInvalid(new ConnectionInWake(), "a Connection is only available to actions");
		assertInvalid(new VarsWithoutResult(), "@CreateVars must return the vars");
	}

	@Test
	void rejectsParametersThatCannotBeBound() {
		assertInvalid(new UnbindableParameter(), "parameter 'task' cannot be bound from JSON");
	}

	@Test
	void rejectsConflictingStateTypes() {
		assertInvalid(new ConflictingStates(), "says the state type is");
	}

	@Test
	void rejectsAStateTypeWithoutNoArgConstructorUnlessCreateStateIsDeclared() {
		assertInvalid(new RecordStateWithoutCreateState(), "has no no-arg constructor");
		assertThat(this.factory.create(new RecordStateWithCreateState()).stateType().getRawClass())
			.isEqualTo(RecordStateWithCreateState.Total.class);
	}

	@Test
	void rejectsStaticAndNonPublicMethodsAndBadNames() {
		assertInvalid(new NonPublicAction(), "must be public");
		assertInvalid(new BadName(), "actor name 'has space'");
	}

	@Test
	void readsAnActionsOwnTimeoutAndRejectsOneThatIsNotAPositiveDuration() {
		ActorDefinition definition = this.factory.create(new TimedActions());
		assertThat(definition.action("quick").timeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(definition.action("iso").timeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(definition.action("plain").timeout()).isNull();
		assertInvalid(new BadTimeout(), "timeout 'soon' is not a positive duration");
		assertInvalid(new ZeroTimeout(), "timeout '0s' is not a positive duration");
	}

	@Actor
	static class TimedActions {

		@Action(timeout = "250ms")
		public void quick() {
		}

		@Action(timeout = "PT2M")
		public void iso() {
		}

		@Action
		public void plain() {
		}

	}

	@Actor
	static class BadTimeout {

		@Action(timeout = "soon")
		public void act() {
		}

	}

	@Actor
	static class ZeroTimeout {

		@Action(timeout = "0s")
		public void act() {
		}

	}

	private void assertInvalid(Object bean, String problem) {
		assertThatThrownBy(() -> this.factory.create(bean)).isInstanceOf(InvalidActorDefinitionException.class)
			.hasMessageContaining(bean.getClass().getName())
			.hasMessageContaining(problem);
	}

	@Actor
	static class GoodActor {

		public static class State {

			public int total;

		}

		@Action
		public int add(ActorContext<State> c, int a, Map<String, List<Integer>> more) {
			return a;
		}

		@Action("renamed")
		public void other(Connection connection) {
		}

		@OnWake
		public void wake(ActorContext<State> c) {
		}

		@CreateVars
		public Object vars() {
			return new Object();
		}

		@OnStateChange
		public void changed(State state) {
		}

	}

	@Actor
	static class Stateless {

		@Action
		public String ping(ActorContext<?> c) {
			return "pong";
		}

	}

	@Actor
	static class DuplicateActions {

		@Action("twice")
		public void one() {
		}

		@Action("twice")
		public void two() {
		}

	}

	@Actor
	static class BadHookReturn {

		@OnWake
		public String wake() {
			return "";
		}

	}

	@Actor
	static class BadHookParameters {

		@OnWake
		public void wake(ActorContext<?> c, String extra) {
		}

	}

	@Actor
	static class ConnectionInWake {

		@OnWake
		public void wake(Connection connection) {
		}

	}

	@Actor
	static class VarsWithoutResult {

		@CreateVars
		public void vars() {
		}

	}

	@Actor
	static class UnbindableParameter {

		@Action
		public void run(Runnable task) {
		}

	}

	@Actor
	static class ConflictingStates {

		@Action
		public void a(ActorContext<String> c) {
		}

		@Action
		public void b(ActorContext<Integer> c) {
		}

	}

	@Actor
	static class RecordStateWithoutCreateState {

		record Total(int value) {
		}

		@Action
		public int get(ActorContext<Total> c) {
			return c.state().value();
		}

	}

	@Actor
	static class RecordStateWithCreateState {

		record Total(int value) {
		}

		@CreateState
		public Total initial() {
			return new Total(0);
		}

		@Action
		public int get(ActorContext<Total> c) {
			return c.state().value();
		}

	}

	@Actor
	static class NonPublicAction {

		@Action
		void hidden() {
		}

	}

	@Actor("has space")
	static class BadName {

	}

}
