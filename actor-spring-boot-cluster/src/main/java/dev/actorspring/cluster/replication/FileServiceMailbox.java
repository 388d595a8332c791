package dev.actorspring.cluster.replication;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.PriorityGenerator;
import org.apache.pekko.dispatch.UnboundedStablePriorityMailbox;

/**
 * The mailbox of a node's {@link FileService}: the questions of a take-over ({@code Inquire}, {@code Fence},
 * {@code Drop}, {@code Unfence}) first, then chunks a take-over fetches and replicated writes, in arrival order
 * within each of the two groups (so that a mass take-over's fetches do not starve the commits' copies). A take-over waits for every member's answers within a third of the request timeout, and a
 * node's file service may have thousands of writes queued (every owner's commits) or fetches (a mass take-over):
 * behind them, the answers came too late and take-overs were refused ({@code takeover_incomplete}).
 * <p>
 * Putting a question before writes that arrived earlier is safe: a fence that goes first makes the older owner's
 * queued writes refused (their commits are not acknowledged), and a take-over chooses the copy from the answers to
 * its fence, after which no write of an older generation is applied. A destroy's {@code Drop} that goes before a
 * full copy its owner sent earlier (an ask that timed out) leaves no copy behind: a full write at or below the
 * tombstone is refused. Configured in this module's
 * {@code reference.conf} ({@code actor-spring.cluster.file-service-mailbox}).
 */
public final class FileServiceMailbox extends UnboundedStablePriorityMailbox {

	/**
	 * Created by Pekko from the mailbox's configuration.
	 * @param settings the actor system's settings
	 * @param config the mailbox's configuration
	 */
	public FileServiceMailbox(ActorSystem.Settings settings, Config config) {
		super(new PriorityGenerator() {
			@Override
			public int gen(Object message) {
				return priority(message);
			}
		}, 64);
	}

	/** Lower first: a take-over's questions, then fetched chunks, replicated writes and anything else. */
	static int priority(Object message) {
		if (message instanceof FileProtocol.Inquire || message instanceof FileProtocol.Fence
				|| message instanceof FileProtocol.Drop || message instanceof FileProtocol.Unfence) {
			return 0;
		}
		return 1; // fetched chunks and replicated writes in arrival order: neither kind starves the other
	}

}
