package dev.actorspring.runtime;

import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.placement.ActorPlacement;

/**
 * Makes the runtime's placement from the local one. Without one, requests run on this node; cluster mode declares
 * one as a bean (the auto-configuration passes it to {@link ActorRuntimeBuilder#placement}).
 */
@FunctionalInterface
public interface ActorPlacementFactory {

	/**
	 * Makes the placement.
	 * @param local the placement that runs instances on this node
	 * @return the placement every request goes through
	 */
	ActorPlacement create(LocalPlacement local);

}
