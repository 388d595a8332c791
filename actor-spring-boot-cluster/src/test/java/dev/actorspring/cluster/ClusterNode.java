package dev.actorspring.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.actorspring.cluster.app.ClusterTestApplication;

/**
 * One node of a test cluster: {@link ClusterTestApplication} in its own JVM on 127.0.0.1, with its own HTTP
 * port, cluster port and data directory, its output in {@code node.log} beside the data directory.
 */
final class ClusterNode {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final String name;

	final int httpPort;

	final int clusterPort;

	final Path dir;

	private final List<String> seeds;

	private final List<String> extraArgs = new ArrayList<>();

	private final List<String> jvmArgs = new ArrayList<>();

	private static final java.util.regex.Pattern NOTHING_RAN = java.util.regex.Pattern
		.compile("\"code\":\"(actor_moving|no_replica|takeover_incomplete)\"");

	private Process process;

	ClusterNode(String name, Path dir, int clusterPort, List<String> seeds) throws IOException {
		this.name = name;
		this.dir = dir;
		this.httpPort = freePort();
		this.clusterPort = clusterPort;
		this.seeds = seeds;
		Files.createDirectories(dir);
	}

	/** More application arguments for the next starts, such as {@code --actor.cluster.copies=1}. */
	ClusterNode with(String... args) {
		this.extraArgs.addAll(List.of(args));
		return this;
	}

	/** More JVM options for the next starts, such as {@code -Dpekko...=...}. */
	ClusterNode withJvm(String... args) {
		this.jvmArgs.addAll(List.of(args));
		return this;
	}

	/** The ports handed out in this JVM: a port a node may bind later is never handed out twice. */
	private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * A port free now, below Linux's ephemeral range (32768-60999): an ephemeral one (as {@code new ServerSocket(0)}
	 * gives) may be taken meanwhile as the local port of an outgoing connection, or handed out again once its probe
	 * closed, and a node that binds it later, at a restart, fails with "port already in use" (a CI run of
	 * PartitionTests did).
	 */
	static int freePort() throws IOException {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
			if (!HANDED_OUT.add(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
				return port;
			}
			catch (IOException taken) {
				// in use: try another
			}
		}
		throw new IOException("No free port found between 20000 and 32000");
	}

	ClusterNode start() throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1"));
		command.addAll(this.jvmArgs);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"),
				ClusterTestApplication.class.getName(), "--server.port=" + this.httpPort,
				"--server.address=127.0.0.1", "--actor.data-dir=" + this.dir.resolve("data"),
				"--actor.cluster.port=" + this.clusterPort,
				"--actor.cluster.seed-nodes=" + String.join(",", this.seeds),
				"--management.endpoints.web.exposure.include=health,actors,metrics"));
		command.addAll(this.extraArgs);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("node.log").toFile()))
			.start();
		return this;
	}

	/** SIGTERM: Spring closes the context, the node leaves the cluster gracefully. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " did not stop within 60 s; see " + this.dir.resolve("node.log"));
		}
	}

	/** SIGKILL: the JVM dies at once, as in a crash. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	String base() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return post(path, body, Duration.ofSeconds(30));
	}

	/** Posts JSON, with more headers given as name, value, name, value... */
	HttpResponse<String> post(String path, String body, Duration timeout, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts, and posts again while the answer is a 503 that says nothing ran (the actor is moving, its take-over
	 * found a member not known everywhere yet, or its commit found no node for the copy), for up to 30 s: what a
	 * client of a cluster does.
	 */
	HttpResponse<String> call(String path, String body, String... headers) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (true) {
			HttpResponse<String> response = post(path, body, Duration.ofSeconds(30), headers);
			if (response.statusCode() != 503 || !NOTHING_RAN.matcher(response.body()).find()
					|| System.nanoTime() > deadline) {
				return response;
			}
			Thread.sleep(100);
		}
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	String log() {
		try {
			return Files.readString(this.dir.resolve("node.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

}
