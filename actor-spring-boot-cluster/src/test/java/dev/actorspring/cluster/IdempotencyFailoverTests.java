package dev.actorspring.cluster;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idempotency key holds across a fail-over: the outcome kept for it is in the actor's file, copied to the
 * replica with the commit, so a client that retries its call on another node after the owner crashed gets the
 * first call's answer (which names the node that ran it) and the action is not applied twice.
 */
class IdempotencyFailoverTests extends ClusterTestSupport {

	IdempotencyFailoverTests() {
		super("idempotency");
	}

	@Test
	void aRetryAfterTheOwnerCrashedGetsTheKeptOutcome() throws Exception {
		startThreeNodes((node) -> node);
		String path = "/actors/counter/payments/actions/increment";
		HttpResponse<String> first = this.nodes.get(0).call(path, "{\"args\":[5]}", "Idempotency-Key", "pay-1");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		ClusterNode owner = this.nodes.stream()
			.filter((node) -> first.body().contains("\"node\":\"" + node.httpPort + "\""))
			.findFirst()
			.orElseThrow();
		ClusterNode survivor = this.nodes.stream().filter((node) -> node != owner).findFirst().orElseThrow();
		assertThat(owner.call(path, "{\"args\":[5]}", "Idempotency-Key", "pay-1").body()).isEqualTo(first.body());

		owner.kill();
		HttpResponse<String> retried = survivor.call(path, "{\"args\":[5]}", "Idempotency-Key", "pay-1");
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (retried.statusCode() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			retried = survivor.call(path, "{\"args\":[5]}", "Idempotency-Key", "pay-1");
		}
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
		assertThat(retried.body()).as("the first call's answer, from the node that ran it").isEqualTo(first.body());
		assertThat(survivor.call("/actors/counter/payments/actions/get", "").body()).contains("\"count\":5");
		HttpResponse<String> reused = survivor.call(path, "{\"args\":[6]}", "Idempotency-Key", "pay-1");
		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(reused.body()).contains("idempotency_key_reused");
	}

}
