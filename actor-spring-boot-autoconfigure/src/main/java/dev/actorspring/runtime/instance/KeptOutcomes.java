package dev.actorspring.runtime.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.actorspring.api.ActorException;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredOutcome;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The instance's room for calls made with an idempotency key: answers a call whose key has a kept outcome, and
 * says what to keep of a call that ran. Outcomes are committed by {@link GroupCommit} with the changes of the turns
 * that produced them.
 */
final class KeptOutcomes {

	private final ActorInstance instance;

	KeptOutcomes(ActorInstance instance) {
		this.instance = instance;
	}

	/**
	 * Answers a call whose key has an outcome: one kept by an earlier turn of the running group (this call's answer
	 * then follows that turn's, committed or failed with it), or one kept in the file, whose answer waits for the
	 * next commit to confirm the file (in cluster mode, that it is copied: an outcome written by a commit whose copy
	 * failed is not acknowledged by its replay before that).
	 * @return whether the call is answered (by the kept outcome, by {@code idempotency_key_reused}, or by a failure
	 * to read the storage)
	 */
	boolean answer(Message.Invoke call, IdempotentCall idempotent) {
		GroupCommit commits = this.instance.commits();
		StoredOutcome earlier = commits.outcome(idempotent.key());
		if (earlier == null) {
			try {
				earlier = this.instance.memory().openStorage().outcome(idempotent.key());
			}
			catch (UnsupportedOperationException ex) {
				call.reply().completeExceptionally(ActorErrors.idempotencyNotSupported());
				return true;
			}
			catch (RuntimeException ex) {
				// a failed read may have dropped the connection, and with it the group's open transaction: the
				// group fails as a whole, so that no turn of it is told it is applied
				commits.abort(ex);
				call.reply().completeExceptionally(ActorErrors.storageFailed(ex));
				return true;
			}
			if (earlier != null) {
				commits.confirmBeforeRelease();
			}
		}
		if (earlier == null) {
			return false;
		}
		this.instance.services().listener().callReplayed(this.instance.definition().name(), call.action().name());
		if (!idempotent.sameCall(earlier)) {
			commits.add(call.reply(), null, ActorErrors.idempotencyKeyReused(), List.of());
		}
		else if (earlier.status() == 200) {
			commits.add(call.reply(), earlier.body(), null, List.of());
		}
		else {
			JsonNode error = this.instance.services().codec().parse(earlier.body());
			commits.add(call.reply(), null, new ActorException(error.path("group").asString("user"),
					error.path("code").asString(), error.path("message").asString(), earlier.status(), null), List.of());
		}
		return true;
	}

	/** What to keep of a call that succeeded: its output. */
	@Nullable StoredOutcome output(@Nullable IdempotentCall idempotent, ActionDefinition action, byte[] output) {
		if (idempotent == null) {
			return null;
		}
		return new StoredOutcome(idempotent.key(), action.name(), idempotent.fingerprint(), 200, output,
				System.currentTimeMillis());
	}

	/**
	 * What to keep of a call that failed: only a refusal of the application's own ({@code ActorException} of group
	 * {@code user} with a 4xx status) is the call's outcome. A failure (5xx) kept nothing of its turn; the runtime's
	 * errors (a call to another actor that timed out, found it overloaded, or was refused as a cycle) and the
	 * authorization refusals may not hold on a retry; so their retries run the action again.
	 */
	@Nullable StoredOutcome refusal(@Nullable IdempotentCall idempotent, ActionDefinition action, ActorException error) {
		if (idempotent == null || !"user".equals(error.group()) || error.status() < 400 || error.status() >= 500) {
			return null;
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("group", error.group());
		body.put("code", error.code());
		body.put("message", error.getMessage());
		return new StoredOutcome(idempotent.key(), action.name(), idempotent.fingerprint(), error.status(),
				this.instance.services().codec().encode(body), System.currentTimeMillis());
	}

}
