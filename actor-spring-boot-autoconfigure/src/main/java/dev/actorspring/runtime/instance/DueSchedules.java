package dev.actorspring.runtime.instance;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.listener.PropagatedContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the durable schedules of an instance that are due, each as a turn of its own, earliest first. A schedule that
 * an earlier one cancelled or moved does not run; once a turn asked the instance to sleep or to be destroyed, the
 * rest wait. A failed one is retried later with a growing delay, then dropped. Afterwards the timer follows the
 * earliest schedule left.
 */
final class DueSchedules {

	private static final Log logger = LogFactory.getLog(DueSchedules.class);

	private final ActorInstance instance;

	DueSchedules(ActorInstance instance) {
		this.instance = instance;
	}

	void run() {
		ScheduleTimer timer = this.instance.services().scheduleTimer();
		String name = this.instance.definition().name();
		String key = this.instance.key();
		try {
			if (!this.instance.activation().activate(false, null)) {
				timer.forget(name, key);
				return;
			}
		}
		catch (ActorException ex) {
			timer.afterCommit(name, key, timer.clock().instant().plusMillis(timer.backoffMillis()));
			return;
		}
		ScheduleBook book = this.instance.memory().schedules();
		long now = timer.clock().millis();
		for (String id : book.due(now)) {
			ScheduleEntry entry = book.dueEntry(id, now);
			if (entry != null) {
				fire(entry, book, now);
			}
			if (this.instance.turns().requestPending()) {
				break;
			}
		}
		if (!this.instance.turns().requestPending()) {
			try {
				this.instance.queues().consumeDue(now);
			}
			catch (ActorException ex) {
				// the queues could not be read: the timer comes back later
				this.instance.commits().flush();
				timer.afterCommit(name, key, timer.clock().instant().plusMillis(timer.backoffMillis()));
				return;
			}
		}
		this.instance.commits().flush();
		if (this.instance.activation().active()) {
			timer.afterCommit(name, key, this.instance.nextDue(),
					!this.instance.definition().queues().isEmpty());
		}
	}

	private void fire(ScheduleEntry entry, ScheduleBook book, long now) {
		ActionDefinition action = this.instance.definition().action(entry.action());
		Object[] args;
		try {
			if (action == null) {
				throw ActorErrors.actionNotFound(this.instance.definition().name(), entry.action());
			}
			args = this.instance.services().invoker().convertArguments(action, entry.args());
		}
		catch (ActorException ex) {
			logger.error("Dropping the schedule " + entry.id() + " of " + this.instance + ": " + ex.getMessage());
			this.instance.services().deadLetters().report(this.instance.definition().name(), this.instance.key(),
					entry.action(), DeadLetter.Reason.SCHEDULE_DROPPED, ex.code());
			book.cancel(entry.id());
			this.instance.commits().changed(this.instance.memory().capture());
			return;
		}
		long aborts = this.instance.commits().aborts();
		Turns.Outcome outcome = this.instance.turns()
			.run(TurnKind.SCHEDULED, null, null, CallChain.EMPTY, () -> {
				this.instance.turns().observed(entry.action(), PropagatedContext.of(entry.trace()), () -> this.instance
					.services().invoker().invoke(action.binding(), this.instance.context(), null, args));
				book.ran(entry, now);
				return null;
			});
		String name = this.instance.definition().name();
		if (!outcome.failed()) {
			this.instance.commits().add(null, null, null, outcome.effects());
			this.instance.services().listener().scheduleFired(name, true);
			return;
		}
		String code = this.instance.failure(outcome.failure(), "scheduled action '" + entry.action() + "'").code();
		this.instance.services().listener().scheduleFired(name, false);
		if (this.instance.commits().aborts() != aborts) {
			return; // the group was lost with the schedules as committed before it: they fire again from there
		}
		ScheduleTimer timer = this.instance.services().scheduleTimer();
		if (!book.retry(entry, now, timer.maxAttempts(), timer.backoffMillis())) {
			this.instance.services().deadLetters().report(name, this.instance.key(), entry.action(),
					DeadLetter.Reason.SCHEDULE_DROPPED, code + ", after " + timer.maxAttempts() + " attempts");
		}
		this.instance.commits().changed(this.instance.memory().capture());
	}

}
