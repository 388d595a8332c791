package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster transport over TLS with a Spring SSL bundle ({@code actor.cluster.tls.bundle}): two nodes that hold
 * the cluster's key form a cluster and replicate every commit to each other (two copies are required, so an
 * acknowledged increment crossed the TLS transport); a third process with a key of its own, which the cluster's
 * trust store does not trust, cannot join.
 */
class TlsTests extends ClusterTestSupport {

	TlsTests() {
		super("tls");
	}

	@Test
	void nodesWithTheClustersKeyFormAClusterAndAnUntrustedProcessCannotJoin() throws Exception {
		java.nio.file.Files.createDirectories(this.dir);
		keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=actors",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", "cluster.p12", "-storepass", "secret");
		keytool("-exportcert", "-alias", "node", "-keystore", "cluster.p12", "-storepass", "secret", "-file", "node.crt");
		keytool("-importcert", "-noprompt", "-alias", "node", "-file", "node.crt", "-storetype", "PKCS12", "-keystore",
				"trust.p12", "-storepass", "secret");
		keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=intruder",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", "other.p12", "-storepass", "secret");

		int[] ports = { ClusterNode.freePort(), ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
		ClusterNode node1 = node("node1", ports[0], seeds).with(tls("cluster.p12")).start();
		ClusterNode node2 = node("node2", ports[1], seeds).with(tls("cluster.p12")).start();
		awaitAcknowledging(node1);
		awaitAcknowledging(node2);
		HttpResponse<String> increment = node2.call("/actors/counter/t1/actions/increment", "{\"args\":[3]}");
		assertThat(increment.statusCode()).as(increment.body()).isEqualTo(200);
		assertThat(node1.call("/actors/counter/t1/actions/get", "").body()).contains("\"count\":3");

		// a process that trusts the cluster but whose own key the cluster does not trust
		ClusterNode intruder = node("intruder", ports[2], seeds).with(tls("other.p12")).start();
		awaitUp(intruder);
		Thread.sleep(8_000);
		for (ClusterNode node : List.of(node1, node2)) {
			assertThat(node.get("/actuator/metrics/actor.cluster.members?tag=status:up").body())
				.as("members up, seen from %s", node.name)
				.contains("\"value\":2.0");
		}
		HttpResponse<String> refused = intruder.post("/actors/counter/t1/actions/get", "", Duration.ofSeconds(15));
		assertThat(refused.statusCode()).as(refused.body()).isNotEqualTo(200);
		assertThat(intruder.log()).contains("SSLHandshakeException");

		// a bundle without a trust store would trust the JDK's public CAs: the application does not start
		ClusterNode careless = node("careless", ClusterNode.freePort(), seeds).with(
				"--spring.ssl.bundle.jks.cluster.keystore.location=file:" + this.dir.resolve("cluster.p12"),
				"--spring.ssl.bundle.jks.cluster.keystore.password=secret",
				"--spring.ssl.bundle.jks.cluster.keystore.type=PKCS12", "--actor.cluster.tls.bundle=cluster")
			.start();
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (careless.alive() && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(careless.alive()).as("a node whose bundle has no trust store").isFalse();
		assertThat(careless.log()).contains("needs a trust store");
	}

	/** The arguments of a node whose transport uses TLS with the given key store and the cluster's trust store. */
	private String[] tls(String keyStore) {
		String prefix = "--spring.ssl.bundle.jks.cluster.";
		return new String[] { prefix + "keystore.location=file:" + this.dir.resolve(keyStore),
				prefix + "keystore.password=secret", prefix + "keystore.type=PKCS12",
				prefix + "truststore.location=file:" + this.dir.resolve("trust.p12"),
				prefix + "truststore.password=secret", prefix + "truststore.type=PKCS12",
				"--actor.cluster.tls.bundle=cluster" };
	}

	private void keytool(String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
