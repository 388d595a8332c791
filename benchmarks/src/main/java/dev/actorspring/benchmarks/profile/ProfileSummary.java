package dev.actorspring.benchmarks.profile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording: the share taken by each layer
 * (each sample goes to the first frame, from the leaf, that is not JDK code) and by each thread pool, then the
 * share of samples whose stack passes through a few places of the durable-action path (inclusive); then what the
 * CPU samples miss: where threads waited on monitors ({@code jdk.JavaMonitorEnter}) and parked
 * ({@code jdk.ThreadPark}), in total time by first non-JDK frame, and the top allocation sites
 * ({@code jdk.ObjectAllocationSample}). Usage: {@code ProfileSummary <recording.jfr> [label]}.
 */
public final class ProfileSummary {

	/** Package prefixes and the layer they stand for, the first match wins. */
	private static final Map<String, String> LAYERS = new LinkedHashMap<>();

	/** Frames of the action path, counted inclusively. */
	private static final Map<String, String> PLACES = new LinkedHashMap<>();

	static {
		LAYERS.put("org.sqlite.", "SQLite (sqlite-jdbc, Java side)");
		LAYERS.put("tools.jackson.", "JSON (Jackson)");
		LAYERS.put("io.micrometer.", "Micrometer (meters, observations)");
		LAYERS.put("dev.actorspring.", "actor runtime (this project)");
		LAYERS.put("org.springframework.", "Spring (MVC, filters)");
		LAYERS.put("org.apache.", "Tomcat");
		PLACES.put("org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal",
				"the whole servlet request (under Spring's observation filter)");
		PLACES.put("dev.actorspring.transport.http.ActorHttpServlet.service", "REST adapter (body, call, await, reply)");
		PLACES.put("dev.actorspring.runtime.ActorRuntime.call", "runtime.call (lookup, enqueue)");
		PLACES.put("dev.actorspring.runtime.instance.ActorInstance.invoke", "a turn (invoke the action, capture state)");
		PLACES.put("dev.actorspring.runtime.instance.GroupCommit.flush", "group commit (SQLite write + COMMIT)");
		PLACES.put("org.springframework.jdbc.core.simple.DefaultJdbcClient", "ctx.sql() (JdbcClient, JdbcTemplate)");
		PLACES.put("org.sqlite.jdbc3.JDBC3Connection.prepareStatement", "SQLite prepareStatement (SQL parsed)");
		PLACES.put("org.sqlite.core.DB.executeBatch", "SQLite executeBatch");
		PLACES.put("dev.actorspring.observation.ActorObservations", "actor.turn observation");
		PLACES.put("dev.actorspring.metrics.ActorMetrics", "actor meters");
	}

	private ProfileSummary() {
	}

	public static void main(String[] args) throws Exception {
		List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
		List<RecordedEvent> samples = ofType(events, "jdk.ExecutionSample");
		String label = (args.length > 1) ? args[1] : args[0];
		Map<String, Integer> layers = new TreeMap<>();
		Map<String, Integer> threads = new TreeMap<>();
		Map<String, Integer> places = new LinkedHashMap<>();
		PLACES.values().forEach((place) -> places.put(place, 0));
		for (RecordedEvent sample : samples) {
			List<RecordedFrame> frames = sample.getStackTrace().getFrames();
			layers.merge(layerOf(frames), 1, Integer::sum);
			threads.merge(poolOf(sample), 1, Integer::sum);
			for (Map.Entry<String, String> place : PLACES.entrySet()) {
				if (frames.stream().anyMatch((frame) -> name(frame).startsWith(place.getKey()))) {
					places.merge(place.getValue(), 1, Integer::sum);
				}
			}
		}
		int total = samples.size();
		System.out.printf("%nProfile of %s: %,d CPU samples (JFR, settings=profile)%n", label, total);
		print("by layer (self):", layers, total);
		print("by thread pool:", threads, total);
		print("through (inclusive):", places, total);
		Map<String, Integer> natives = new TreeMap<>();
		List<RecordedEvent> actorNatives = ofType(events, "jdk.NativeMethodSample").stream()
			.filter((sample) -> poolOf(sample).startsWith("actor mailboxes"))
			.toList();
		actorNatives.forEach((sample) -> natives.merge(name(sample.getStackTrace().getFrames().get(0)), 1, Integer::sum));
		print("actor threads in native code (" + actorNatives.size() + " samples, taken apart from the CPU samples):",
				natives, actorNatives.size());
		waits(events, "jdk.JavaMonitorEnter", "monitor waits");
		waits(events, "jdk.ThreadPark", "parks (locks, futures, idle pools)");
		Map<String, Long> allocations = new TreeMap<>();
		long allocated = 0;
		for (RecordedEvent sample : ofType(events, "jdk.ObjectAllocationSample")) {
			long weight = sample.getLong("weight");
			allocated += weight;
			allocations.merge(firstOwnFrame(sample.getStackTrace().getFrames()), weight, Long::sum);
		}
		System.out.printf("  allocations (sampled weight %,d MB), top sites:%n", allocated >> 20);
		top(allocations, allocated, 8);
	}

	/** Total time threads spent in one kind of wait, by the first frame that is not JDK code. */
	private static void waits(List<RecordedEvent> events, String type, String what) {
		Map<String, Long> nanos = new TreeMap<>();
		long total = 0;
		int count = 0;
		for (RecordedEvent event : ofType(events, type)) {
			long duration = event.getDuration().toNanos();
			total += duration;
			count++;
			nanos.merge(poolOf(event) + " at " + firstOwnFrame(event.getStackTrace().getFrames()), duration, Long::sum);
		}
		System.out.printf("  %s: %,d over the recording's thresholds, %,d ms in all, top sites:%n", what, count,
				total / 1_000_000);
		top(nanos, total, 6);
	}

	private static void top(Map<String, Long> weights, long total, int limit) {
		weights.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total),
					entry.getKey()));
	}

	private static String firstOwnFrame(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
				return name;
			}
		}
		return frames.isEmpty() ? "?" : name(frames.get(0));
	}

	private static List<RecordedEvent> ofType(List<RecordedEvent> events, String type) {
		return events.stream()
			.filter((event) -> event.getEventType().getName().equals(type))
			.filter((event) -> event.getStackTrace() != null && !event.getStackTrace().getFrames().isEmpty())
			.toList();
	}

	private static void print(String title, Map<String, Integer> counts, int total) {
		System.out.println("  " + title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((entry) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total),
					entry.getKey()));
	}

	private static String layerOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
				if (name.startsWith(layer.getKey())) {
					return layer.getValue();
				}
			}
			if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
				return "other libraries";
			}
		}
		return "JDK only (threads, queues, I/O)";
	}

	private static String poolOf(RecordedEvent sample) {
		jdk.jfr.consumer.RecordedThread recorded = sample.hasField("sampledThread") ? sample.getThread("sampledThread")
				: sample.getThread();
		String thread = (recorded != null && recorded.getJavaName() != null) ? recorded.getJavaName() : "?";
		if (thread.startsWith("http-nio-")) {
			return "Tomcat (" + thread.replaceAll("^http-nio-[^-]+-\\d+-", "").replaceAll("-?\\d+$", "") + ")";
		}
		if (thread.startsWith("actor-")) {
			return "actor mailboxes (" + thread.replaceAll("-?\\d+$", "") + ")";
		}
		return thread.replaceAll("-?\\d+$", "");
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
