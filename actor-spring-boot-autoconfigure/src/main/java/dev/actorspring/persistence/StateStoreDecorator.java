package dev.actorspring.persistence;

/**
 * Wraps the state store the runtime uses, for modules that add behavior around every instance's storage (cluster
 * mode replicates each commit). Beans of this type are applied in order by the auto-configuration.
 */
@FunctionalInterface
public interface StateStoreDecorator {

	/**
	 * Wraps a store.
	 * @param store the store to wrap
	 * @return the store the runtime will use
	 */
	StateStore decorate(StateStore store);

}
