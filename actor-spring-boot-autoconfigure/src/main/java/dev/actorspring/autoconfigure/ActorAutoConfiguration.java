package dev.actorspring.autoconfigure;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.actorspring.api.ActorClient;
import dev.actorspring.client.DefaultActorClient;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.config.ActorBeanRegistrar;
import dev.actorspring.config.ActorRuntimeLifecycle;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.StateStoreDecorator;
import dev.actorspring.persistence.sqlite.DataDirectoryLock;
import dev.actorspring.persistence.sqlite.SqliteMigrations;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.ActorPlacementFactory;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.ActorRuntimeBuilder;
import dev.actorspring.runtime.definition.ActorDefinitionFactory;
import dev.actorspring.observation.ActorLogContext;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.CompositeActorRuntimeListener;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of the actor runtime: registry, codec, SQLite state store, mailbox executor and runtime. A
 * {@link Clock} bean named {@code actorClock}, if any, is the clock durable schedules are due by (tests).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(ActorProperties.class)
public final class ActorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorCodec actorCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new ActorCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	/** The data directory kept to this application while it runs: a second process on it fails to start. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(StateStore.class)
	DataDirectoryLock actorDataDirectoryLock(ActorProperties properties) {
		return DataDirectoryLock.acquire(properties.getDataDir());
	}

	@Bean
	@ConditionalOnMissingBean(StateStore.class)
	SqliteStateStore actorStateStore(ActorProperties properties, ResourceLoader resourceLoader,
			DataDirectoryLock actorDataDirectoryLock) {
		return new SqliteStateStore(properties.getDataDir(),
				SQLiteConfig.SynchronousMode.valueOf(properties.getSqlite().getSynchronous().name()),
				properties.getMaxOpenFiles(), SqliteMigrations.scan(resourceLoader.getClassLoader()));
	}

	@Bean
	@ConditionalOnMissingBean
	ActorRegistry actorRegistry() {
		return new ActorRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ActorDefinitionFactory actorDefinitionFactory(ActorCodec codec) {
		return new ActorDefinitionFactory(codec);
	}

	@Bean
	ActorBeanRegistrar actorBeanRegistrar(ListableBeanFactory beanFactory, ActorRegistry registry,
			ActorDefinitionFactory definitionFactory) {
		return new ActorBeanRegistrar(beanFactory, registry, definitionFactory);
	}

	/**
	 * The pool that runs mailboxes: a FIFO fork-join pool, so that an action blocked on a call to another
	 * actor, or a commit waiting on the disk, lets the pool add a compensating thread instead of starving the other
	 * mailboxes: at most {@value #SPARE_THREADS} more than its size, then it runs short of them rather than
	 * failing anything.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean(name = "actorMailboxExecutor")
	ExecutorService actorMailboxExecutor(ActorProperties properties) {
		int threads = (properties.getThreads() > 0) ? properties.getThreads()
				: 2 * Runtime.getRuntime().availableProcessors();
		return new ForkJoinPool(threads, (pool) -> {
			ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
			thread.setName("actor-" + workerNumber(thread));
			return thread;
		}, null, true, 0, threads + SPARE_THREADS, 1, (pool) -> true, 60, TimeUnit.SECONDS);
	}

	/**
	 * The worker's number in its pool, from the name the pool gave it ({@code ForkJoinPool-1-worker-3}): its pool
	 * index is not set yet while the factory runs (it reads 0 for every thread).
	 */
	static String workerNumber(ForkJoinWorkerThread thread) {
		String name = thread.getName();
		return name.substring(name.lastIndexOf('-') + 1);
	}

	/** How many threads the mailbox pool may add for blocked ones. */
	static final int SPARE_THREADS = 256;

	@Bean(destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = "actorTimer")
	ScheduledExecutorService actorTimer() {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("actor-timer-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threadFactory);
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	@Bean
	@ConditionalOnMissingBean
	ActorRuntime actorRuntime(ActorRegistry registry, ActorCodec codec, StateStore store,
			ExecutorService actorMailboxExecutor, ScheduledExecutorService actorTimer, ActorProperties properties,
			ObjectProvider<ActorClient> actorClient, ObjectProvider<ActorRuntimeListener> listeners,
			ObjectProvider<StateStoreDecorator> storeDecorators, ObjectProvider<ActorPlacementFactory> placement,
			@Qualifier("actorClock") ObjectProvider<Clock> actorClock) {
		StateStore decorated = store;
		for (StateStoreDecorator decorator : storeDecorators.orderedStream().toList()) {
			decorated = decorator.decorate(decorated);
		}
		ActorRuntimeBuilder builder = ActorRuntime.builder()
			.registry(registry)
			.codec(codec)
			.store(decorated)
			.executor(actorMailboxExecutor)
			.timer(actorTimer)
			.maxBatch(properties.getMaxBatchSize())
			.sleepTimeout(properties.getSleepTimeout())
			.actionTimeout(properties.getActionTimeout())
			.keepAwakeTimeout(properties.getKeepAwakeTimeout())
			.client(actorClient::getObject)
			.listener(CompositeActorRuntimeListener.of(listeners.orderedStream().toList()))
			.limits(properties.getMailboxCapacity(), (int) properties.getMaxStateSize().toBytes(),
					properties.getWebsocket().getMaxConnectionsPerActor())
			.scheduleRetries(properties.getSchedule().getMaxAttempts(), properties.getSchedule().getRetryBackoff())
			.idempotency(properties.getIdempotency().getRetention(), properties.getIdempotency().getMaxKeys());
		placement.ifAvailable(builder::placement);
		actorClock.ifAvailable((clock) -> builder.scheduleClock(clock, true));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ActorClient actorClient(ActorRuntime runtime, @Qualifier("actorClientExecutor") Executor actorClientExecutor) {
		return new DefaultActorClient(runtime, actorClientExecutor);
	}

	/**
	 * Where the futures of {@link ActorClient} calls complete, and so where a caller's continuations run, instead of
	 * on the answering actor's mailbox thread or the JDK's timeout thread: a FIFO fork-join pool of one thread per
	 * processor, which adds a thread for each continuation that waits on another call ({@code join}, {@code get}),
	 * up to {@value #SPARE_THREADS} more. (A pool that grew for any blocking would create a thread for each answer
	 * of a burst: a quarter of the calls per second in {@code LifecycleBenchmark}.) Beyond that, a continuation's
	 * {@code join} throws {@link java.util.concurrent.RejectedExecutionException} rather than block without a
	 * replacement: the answers the blocked ones wait for are delivered on this pool, so with every thread blocked
	 * none would ever be.
	 */
	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = "actorClientExecutor")
	ExecutorService actorClientExecutor() {
		int threads = Runtime.getRuntime().availableProcessors();
		return new ForkJoinPool(threads, (pool) -> {
			ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
			thread.setName("actor-client-" + workerNumber(thread));
			return thread;
		}, null, true, 0, threads + SPARE_THREADS, 1, (pool) -> false, 60, TimeUnit.SECONDS);
	}

	@Bean
	ActorRuntimeLifecycle actorRuntimeLifecycle(ActorRuntime runtime, ExecutorService actorMailboxExecutor,
			ActorProperties properties) {
		return new ActorRuntimeLifecycle(runtime, actorMailboxExecutor, properties.getShutdownTimeout());
	}

	/**
	 * The actor type and action in the logging MDC during each action, when SLF4J is there: when
	 * {@code actor.observations.log-context=true}, or, unset, when Micrometer Tracing is on the class path (its
	 * trace ids join them; without a tracer they would cost every action for logs only).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.slf4j.MDC")
	static class LogContextConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty(name = "actor.observations.log-context")
		static class Requested {

			@Bean
			@ConditionalOnMissingBean
			ActorLogContext actorLogContext() {
				return new ActorLogContext();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
		@ConditionalOnProperty(name = "actor.observations.log-context", matchIfMissing = true)
		static class Traced {

			@Bean
			@ConditionalOnMissingBean
			ActorLogContext actorLogContext() {
				return new ActorLogContext();
			}

		}

	}

}
