package dev.actorspring.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** RivetKit's map-reduce: the coordinator fans tasks out to workers, the workers report back with tell. */
public final class MapReduce {

	private MapReduce() {
	}

	public record Task(String id, String data) {
	}

	public record Result(String taskId, String output) {
	}

	@Actor("coordinator")
	public static class Coordinator {

		public static class State {

			public List<Result> results = new ArrayList<>();

		}

		@Action
		public int startJob(ActorContext<State> c, List<Task> tasks) {
			List<CompletableFuture<Object>> processing = new ArrayList<>();
			for (Task task : tasks) {
				processing.add(c.actors().get("worker", task.id()).call("process", c.key(), task));
			}
			CompletableFuture.allOf(processing.toArray(CompletableFuture[]::new)).join();
			return tasks.size();
		}

		@Action
		public void reportResult(ActorContext<State> c, Result result) {
			c.state().results.add(result);
		}

		@Action
		public List<Result> getResults(ActorContext<State> c) {
			return c.state().results;
		}

	}

	@Actor("worker")
	public static class Worker {

		public static class State {

			public int processed;

		}

		@Action
		public void process(ActorContext<State> c, String coordinator, Task task) {
			c.state().processed++;
			c.actors().get("coordinator", coordinator).tell("reportResult", new Result(task.id(), "Processed " + task.data()));
		}

	}

	/** Calls another instance of its own type, which calls back: a cycle. */
	@Actor("cycle")
	public static class Cycle {

		@Action
		public String ping(ActorContext<?> c, String other) {
			return c.actors().get("cycle", other).call(String.class, "pong", c.key()).join();
		}

		@Action
		public String pong(ActorContext<?> c, String caller) {
			return c.actors().get("cycle", caller).call(String.class, "hello").join();
		}

		@Action
		public String hello(ActorContext<?> c) {
			return "hello from " + c.key();
		}

		@Action
		public String callSelf(ActorContext<?> c) {
			return c.actors().get("cycle", c.key()).call(String.class, "hello").join();
		}

		@Action
		public String pingTell(ActorContext<?> c, String other) {
			c.actors().get("cycle", other).tell("hello");
			return "sent";
		}

	}

}
