package dev.actorspring.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RivetKit gateway in cluster mode: on either node, an actor that runs on the other is reached by name and key,
 * by its gateway id (which names it on every node) and over the gateway's WebSocket, as RivetKit's client does it.
 */
class RivetKitGatewayClusterTests extends ClusterTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	RivetKitGatewayClusterTests() {
		super("rivetkit-gateway");
	}

	@Test
	void eitherNodeServesTheGatewayForActorsOnTheOther() throws Exception {
		int[] ports = { ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + ports[0]);
		ClusterNode node1 = node("node1", ports[0], seeds).start();
		ClusterNode node2 = node("node2", ports[1], seeds).start();
		awaitAcknowledging(node1);
		awaitAcknowledging(node2);
		String key = null;
		for (int k = 0; key == null; k++) {
			JsonNode output = action(node1, "/rivet/gateway/counter/action/get?rvt-method=getOrCreate&rvt-key=g" + k, "{}");
			if (output.path("node").asString().equals(String.valueOf(node2.httpPort))) {
				key = "g" + k;
			}
		}
		// by name and key, through the node that does not run it
		JsonNode increment = action(node1, "/rivet/gateway/counter/action/increment?rvt-method=getOrCreate&rvt-key=" + key,
				"{\"args\":[5]}");
		assertThat(increment.path("count").asLong()).isEqualTo(5);
		assertThat(increment.path("node").asString()).isEqualTo(String.valueOf(node2.httpPort));
		// by id, resolved on one node, used on both
		HttpResponse<String> put = this.http.send(HttpRequest.newBuilder(URI.create(node1.base() + "/rivet/actors"))
			.header("content-type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"counter\",\"key\":\"" + key + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		String id = URLEncoder.encode(JSON.readTree(put.body()).at("/actor/actor_id").asString(), StandardCharsets.UTF_8);
		assertThat(action(node1, "/rivet/gateway/" + id + "/action/get", "{}").path("count").asLong()).isEqualTo(5);
		assertThat(action(node2, "/rivet/gateway/" + id + "/action/get", "{}").path("count").asLong()).isEqualTo(5);
		// over the gateway's WebSocket on node1: Init, an event, then the answer
		BlockingQueue<String> frames = new LinkedBlockingQueue<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.subprotocols("rivet", "rivet_encoding.json")
			.buildAsync(URI.create("ws://127.0.0.1:" + node1.httpPort + "/rivet/gateway/counter/connect?rvt-method=get&rvt-key="
					+ key), new WebSocket.Listener() {
						private final StringBuilder partial = new StringBuilder();

						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							this.partial.append(data);
							if (last) {
								frames.add(this.partial.toString());
								this.partial.setLength(0);
							}
							webSocket.request(1);
							return null;
						}
					})
			.get(30, TimeUnit.SECONDS);
		try {
			assertThat(socket.getSubprotocol()).isEqualTo("rivet");
			assertThat(next(frames)).contains("\"Init\"", "\"actorId\":\"" + java.net.URLDecoder.decode(id, StandardCharsets.UTF_8) + "\"");
			socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"changed\",\"subscribe\":true}}}", true);
			socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":[\"$BigInt\",\"0\"],\"name\":\"increment\","
					+ "\"args\":[[\"$BigInt\",\"2\"]]}}}", true);
			assertThat(next(frames)).isEqualTo("{\"body\":{\"tag\":\"Event\",\"val\":{\"name\":\"changed\",\"args\":[7]}}}");
			assertThat(next(frames)).startsWith("{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":[\"$BigInt\",\"0\"],"
					+ "\"output\":{\"count\":7,");
		}
		finally {
			socket.sendClose(1000, "Disposed");
		}
	}

	private JsonNode action(ClusterNode node, String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(node.base() + path))
			.header("content-type", "application/json")
			.header("x-rivet-encoding", "json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("output");
	}

	private static String next(BlockingQueue<String> frames) throws InterruptedException {
		String frame = frames.poll(30, TimeUnit.SECONDS);
		assertThat(frame).as("a frame within 30 s").isNotNull();
		return frame;
	}

}
