package dev.actorspring.runtime.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands every report to several listeners, in order, and keeps a listener's failure from reaching the runtime:
 * a listener that throws is logged, and the work it was told about goes on (a commit that happened stays
 * committed, an answer is still given).
 */
public final class CompositeActorRuntimeListener implements ActorRuntimeListener {

	private static final Log logger = LogFactory.getLog(CompositeActorRuntimeListener.class);

	private final ActorRuntimeListener[] listeners;

	private CompositeActorRuntimeListener(List<ActorRuntimeListener> listeners) {
		this.listeners = listeners.toArray(ActorRuntimeListener[]::new);
	}

	/**
	 * One listener for all of them.
	 * @param listeners the listeners
	 * @return {@link ActorRuntimeListener#NONE} if there is none, else a composite that contains their failures
	 */
	public static ActorRuntimeListener of(List<ActorRuntimeListener> listeners) {
		return listeners.isEmpty() ? ActorRuntimeListener.NONE : new CompositeActorRuntimeListener(listeners);
	}

	@Override
	public void started(Collection<String> actorNames) {
		each((listener) -> listener.started(actorNames));
	}

	@Override
	public @Nullable ActionScope actionStarting(String actorName, String action) {
		return actionStarting(actorName, action, null);
	}

	/** The first context a listener captures (only one listener, the Observation one, captures any). */
	@Override
	public @Nullable Object callerContext() {
		for (ActorRuntimeListener listener : this.listeners) {
			try {
				Object context = listener.callerContext();
				if (context != null) {
					return context;
				}
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
		return null;
	}

	/** The fields of the first listener that exports any (only the Observation one does). */
	@Override
	public Map<String, String> exportContext(String actorName, String action) {
		for (ActorRuntimeListener listener : this.listeners) {
			try {
				Map<String, String> fields = listener.exportContext(actorName, action);
				if (!fields.isEmpty()) {
					return new PropagatedContext(fields).fields();
				}
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
		return Map.of();
	}

	@Override
	public @Nullable ActionScope actionStarting(String actorName, String action, @Nullable Object callerContext) {
		ActionScope first = null;
		List<ActionScope> more = null;
		for (ActorRuntimeListener listener : this.listeners) {
			try {
				ActionScope scope = listener.actionStarting(actorName, action, callerContext);
				if (scope == null) {
					continue;
				}
				if (first == null) {
					first = scope;
				}
				else {
					more = (more != null) ? more : new ArrayList<>();
					more.add(scope);
				}
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
		if (first == null) {
			return null;
		}
		ActionScope outer = first;
		List<ActionScope> inner = more;
		return (error) -> {
			if (inner != null) {
				for (int i = inner.size() - 1; i >= 0; i--) {
					close(inner.get(i), error);
				}
			}
			close(outer, error);
		};
	}

	private static void close(ActionScope scope, @Nullable Throwable error) {
		try {
			scope.close(error);
		}
		catch (RuntimeException ex) {
			logger.warn("An action scope failed to close", ex);
		}
	}

	@Override
	public void actionCompleted(String actorName, String action, long nanos, @Nullable String errorCode, int status) {
		each((listener) -> listener.actionCompleted(actorName, action, nanos, errorCode, status));
	}

	@Override
	public void callReplayed(String actorName, String action) {
		each((listener) -> listener.callReplayed(actorName, action));
	}

	@Override
	public void lifecycle(String actorName, LifecycleEvent event) {
		each((listener) -> listener.lifecycle(actorName, event));
	}

	@Override
	public void committed(String actorName, int turns, long nanos, int bytes) {
		each((listener) -> listener.committed(actorName, turns, nanos, bytes));
	}

	@Override
	public void eventEmitted(String actorName, int delivered) {
		each((listener) -> listener.eventEmitted(actorName, delivered));
	}

	@Override
	public void scheduleFired(String actorName, boolean succeeded) {
		each((listener) -> listener.scheduleFired(actorName, succeeded));
	}

	@Override
	public void deadLetter(DeadLetter letter) {
		each((listener) -> listener.deadLetter(letter));
	}

	@Override
	public void requestRejected(String reason) {
		each((listener) -> listener.requestRejected(reason));
	}

	private void each(Consumer<ActorRuntimeListener> report) {
		for (ActorRuntimeListener listener : this.listeners) {
			try {
				report.accept(listener);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(ActorRuntimeListener listener, RuntimeException ex) {
		logger.warn("The runtime listener " + listener.getClass().getName() + " failed; the runtime goes on", ex);
	}

}
