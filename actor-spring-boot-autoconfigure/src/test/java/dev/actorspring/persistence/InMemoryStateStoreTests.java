package dev.actorspring.persistence;

class InMemoryStateStoreTests extends StateStoreContractTests {

	private final InMemoryStateStore store = new InMemoryStateStore();

	@Override
	protected StateStore store() {
		return this.store;
	}

}
