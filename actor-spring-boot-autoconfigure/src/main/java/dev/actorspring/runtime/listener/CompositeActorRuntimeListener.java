package dev.actorspring.runtime.listener;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Hands every report to several listeners, in order.
 */
public final class CompositeActorRuntimeListener implements ActorRuntimeListener {

	private final List<ActorRuntimeListener> listeners;

	private CompositeActorRuntimeListener(List<ActorRuntimeListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * One listener for all of them.
	 * @param listeners the listeners
	 * @return {@link ActorRuntimeListener#NONE}, the only listener, or a composite
	 */
	public static ActorRuntimeListener of(List<ActorRuntimeListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> ActorRuntimeListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeActorRuntimeListener(listeners);
		};
	}

	@Override
	public void started(Collection<String> actorNames) {
		this.listeners.forEach((listener) -> listener.started(actorNames));
	}

	@Override
	public @Nullable ActionScope actionStarting(String actorName, String action) {
		java.util.List<ActionScope> scopes = null;
		for (ActorRuntimeListener listener : this.listeners) {
			ActionScope scope = listener.actionStarting(actorName, action);
			if (scope != null) {
				scopes = (scopes != null) ? scopes : new java.util.ArrayList<>();
				scopes.add(scope);
			}
		}
		if (scopes == null) {
			return null;
		}
		java.util.List<ActionScope> open = scopes;
		return (error) -> {
			for (int i = open.size() - 1; i >= 0; i--) {
				open.get(i).close(error);
			}
		};
	}

	@Override
	public void actionCompleted(String actorName, String action, long nanos, @Nullable String errorCode, int status) {
		this.listeners.forEach((listener) -> listener.actionCompleted(actorName, action, nanos, errorCode, status));
	}

	@Override
	public void lifecycle(String actorName, LifecycleEvent event) {
		this.listeners.forEach((listener) -> listener.lifecycle(actorName, event));
	}

	@Override
	public void committed(String actorName, int turns, long nanos, int bytes) {
		this.listeners.forEach((listener) -> listener.committed(actorName, turns, nanos, bytes));
	}

	@Override
	public void eventEmitted(String actorName, int delivered) {
		this.listeners.forEach((listener) -> listener.eventEmitted(actorName, delivered));
	}

	@Override
	public void scheduleFired(String actorName, boolean succeeded) {
		this.listeners.forEach((listener) -> listener.scheduleFired(actorName, succeeded));
	}

	@Override
	public void requestRejected(String reason) {
		this.listeners.forEach((listener) -> listener.requestRejected(reason));
	}

}
