package dev.actorspring.codec;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * A copy of a {@link JsonMapper} whose parsers and generators take their buffers from a per-thread pool. Jackson 3's
 * default pool is one concurrent deque shared by all threads: with many request and mailbox threads encoding small
 * documents, taking a buffer from it and giving it back cost a third of each encoding, and 7% of the CPU of the chat
 * benchmark at 16 connections (docs/benchmarks.md). The runtime's threads are platform threads that live long, which
 * is what a per-thread pool suits (it was Jackson 2's default).
 */
final class ThreadRecycling extends JsonMapper.Builder {

	private ThreadRecycling(JsonMapper mapper) {
		// the mapper's configuration as its own rebuild() starts from: settings and the modules to register
		super((JsonMapper.Builder.StateImpl) mapper.rebuild().saveStateApplyModules());
		this._streamFactory = mapper.tokenStreamFactory()
			.rebuild()
			.recyclerPool(JsonRecyclerPools.threadLocalPool())
			.build();
	}

	/**
	 * @param mapper the mapper to copy
	 * @return a mapper configured as {@code mapper}, with a per-thread buffer pool
	 */
	static JsonMapper copyOf(JsonMapper mapper) {
		JsonFactory factory = mapper.tokenStreamFactory();
		if (factory._getRecyclerPool() == JsonRecyclerPools.threadLocalPool() || factory.getClass() != JsonFactory.class) {
			return mapper; // per thread already, or a factory of the application's own class, which a copy would lose
		}
		return new ThreadRecycling(mapper).build();
	}

}
