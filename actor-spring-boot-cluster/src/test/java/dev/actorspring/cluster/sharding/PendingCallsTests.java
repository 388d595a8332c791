package dev.actorspring.cluster.sharding;

import dev.actorspring.runtime.error.ActorErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls a remote WebSocket connection waits on: answered by number, failed when the connection ends, and a
 * call opened after the end fails at once instead of waiting for its timeout.
 */
class PendingCallsTests {

	@Test
	void answersGoToTheirCallAndTheEndFailsTheRestAndAnyLaterCall() {
		PendingCalls calls = new PendingCalls();
		PendingCalls.Call first = calls.open();
		PendingCalls.Call second = calls.open();
		assertThat(first.id()).isNotEqualTo(second.id());

		calls.complete(second.id(), EntityReply.ok("2".getBytes()));
		assertThat(second.answer()).isCompletedWithValueMatching((reply) -> new String(reply.output()).equals("2"));
		assertThat(first.answer()).isNotDone();
		calls.complete(second.id(), EntityReply.ok("again".getBytes())); // a late duplicate changes nothing

		calls.failAll(ActorErrors.actionTimedOut());
		assertThat(first.answer()).isCompletedWithValueMatching((reply) -> "action_timed_out".equals(reply.code()));
		PendingCalls.Call late = calls.open();
		assertThat(late.answer()).isCompletedWithValueMatching((reply) -> "action_timed_out".equals(reply.code()));
	}

}
