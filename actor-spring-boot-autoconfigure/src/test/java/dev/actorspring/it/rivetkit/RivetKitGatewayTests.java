package dev.actorspring.it.rivetkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RivetKit gateway at {@code /rivet}, driven with the requests and frames RivetKit's client sends (the bytes
 * captured from rivetkit 2.3.19 in {@code shared/reference/rivetkit-client-wire.md}); the official client itself runs
 * against the chat sample in {@code RivetKitClientTests}.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RivetKitGatewayTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CBORMapper CBOR = CBORMapper.builder().build();

	private static final HexFormat HEX = HexFormat.of();

	private static final String PARAMS = "{\"user\":\"alice\",\"password\":\"pw\"}";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
		registry.add("actor.rivetkit.cors-allowed-origins", () -> "https://app.example");
		registry.add("actor.http.max-body-size", () -> "4KB");
		registry.add("server.tomcat.relaxed-query-chars", () -> "|");
	}

	@Test
	void aQueryWithCharactersTheServerIsToldToAcceptIsServed() throws Exception {
		// java.net.URI refuses '|'; the gateway reads its query through the servlet container, which here accepts it
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /rivet/actors?name=counter&key=a|b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200");
			assertThat(response).endsWith("{\"actors\":[]}");
		}
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void metadataAnswersJsonSoThatTheClientGoesOn() throws Exception {
		HttpResponse<String> metadata = get("/rivet/metadata?namespace=default");
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(JSON.readTree(metadata.body()).isObject()).isTrue();
	}

	@Test
	void jsonActionsReadAndWriteTheClientsEscapes() throws Exception {
		String echo = "/rivet/gateway/counter/action/echo?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=escapes";
		assertThat(json(post(echo, "json", "{\"args\":[[\"$$x\",1]]}"))).as("a user array that looks like a tag")
			.isEqualTo("{\"output\":[\"$$x\",1]}");
		assertThat(json(post(echo, "json", "{\"args\":[{\"n\":[\"$BigInt\",\"12345678901234567890\"]}]}")))
			.isEqualTo("{\"output\":{\"n\":12345678901234567890}}");
		assertThat(json(post(echo, "json", "{\"args\":[[\"$Undefined\",0]]}"))).isEqualTo("{\"output\":null}");
		String increment = "/rivet/gateway/counter/action/increment?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=escapes";
		assertThat(json(post(increment, "json", "{\"args\":[[\"$BigInt\",\"5\"]]}"))).isEqualTo("{\"output\":5}");
		HttpResponse<byte[]> unknownTag = post(echo, "json", "{\"args\":[[\"$Date\",1]]}");
		assertError(unknownTag, 400, "actor", "invalid_request");
		// the native REST API reads the same actor without the gateway's escaping
		HttpResponse<String> nativeCall = this.http.send(HttpRequest.newBuilder(uri("/actors/counter/escapes/actions/get"))
			.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(nativeCall.body()).isEqualTo("{\"output\":5}");
	}

	@Test
	void bareAndCborActionsUseTheCapturedLayouts() throws Exception {
		String say = "/rivet/gateway/room/action/say?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=encodings&rvt-crash-policy=sleep";
		// bare: u16 version 4, HttpActionRequest{args: CBOR ["hi"]}; the answer is HttpActionResponse{output: CBOR "alice"}
		HttpResponse<byte[]> bare = post(say, "bare", HEX.parseHex("0400" + "04" + "81626869"), PARAMS);
		assertThat(bare.statusCode()).isEqualTo(200);
		assertThat(HEX.formatHex(bare.body())).isEqualTo("0400" + "06" + "65616c696365");
		// cbor: the JSON shapes as CBOR, as cbor-x writes them (maps with a 2-byte length)
		HttpResponse<byte[]> cbor = post(say, "cbor", HEX.parseHex("b90001" + "6461726773" + "81626869"), PARAMS);
		assertThat(CBOR.readTree(cbor.body()).toString()).isEqualTo("{\"output\":\"alice\"}");
		// integers beyond 32 bits go out as doubles: cbor-x would read an 8-byte integer as a BigInt
		String increment = "/rivet/gateway/counter/action/increment?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=big";
		HttpResponse<byte[]> big = post(increment, "cbor", CBOR.writeValueAsBytes(JSON.readTree("{\"args\":[5000000000]}")), null);
		byte[] body = big.body();
		assertThat(HEX.formatHex(body)).contains("fb41f2a05f20000000");
		assertThat(CBOR.readTree(body).path("output").asDouble()).isEqualTo(5.0E9);
		// a bare request whose declared length runs past its end
		assertError(post(say, "bare", HEX.parseHex("0400" + "7f" + "81"), PARAMS), 400, "actor", "invalid_request");
		assertError(post(say, "bare", HEX.parseHex("0900" + "04" + "81626869"), PARAMS), 400, "actor", "invalid_request");
		assertError(post(say, "bare", HEX.parseHex("0400" + "ffffffffffffffffff01" + "81"), PARAMS), 400, "actor",
				"invalid_request");
	}

	@Test
	void gatewayCallsAreConnectionsOfTheirOwnNeverTrustedServerCode() throws Exception {
		String say = "/rivet/gateway/room/action/say?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=calls";
		assertError(post(say, "json", "{\"args\":[\"no params\"]}"), 403, "auth", "forbidden");
		assertThat(json(post(say, "json", "{\"args\":[\"hello\"]}".getBytes(StandardCharsets.UTF_8), PARAMS)))
			.isEqualTo("{\"output\":\"alice\"}");
		String state = json(post("/rivet/gateway/room/action/state?rvt-namespace=default&rvt-method=get&rvt-key=calls",
				"json", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), "{\"user\":\"bob\",\"password\":\"pw\"}"));
		JsonNode room = JSON.readTree(state).path("output");
		assertThat(room.path("log").toString()).endsWith(",\"alice: hello\"]");
		assertThat(room.path("members").toString()).as("each call's connection is closed after it, only the current one is in")
			.isEqualTo("[\"bob\"]");
		assertError(post(say, "json", "{\"args\":[\"x\"]}".getBytes(StandardCharsets.UTF_8), "{not json"), 400, "actor",
				"invalid_request");
		// a call that fails closes its connection too: carol is not left in the room
		HttpResponse<byte[]> failed = post("/rivet/gateway/room/action/fail?rvt-method=get&rvt-key=calls", "json",
				"{}".getBytes(StandardCharsets.UTF_8), "{\"user\":\"carol\",\"password\":\"pw\"}");
		assertThat(failed.statusCode()).isEqualTo(500);
		String after = json(post("/rivet/gateway/room/action/state?rvt-method=get&rvt-key=calls", "json",
				"{}".getBytes(StandardCharsets.UTF_8), "{\"user\":\"bob\",\"password\":\"pw\"}"));
		assertThat(JSON.readTree(after).at("/output/members").toString()).isEqualTo("[\"bob\"]");
	}

	@Test
	void getNeverCreatesAndIdsNameOneIncarnation() throws Exception {
		String get = "/rivet/gateway/room/action/state?rvt-namespace=default&rvt-method=get&rvt-key=ids";
		assertError(post(get, "json", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), PARAMS), 404, "actor", "not_found");
		// getOrCreate with input: base64url of CBOR {"topic":"tea"}
		String input = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(CBOR.writeValueAsBytes(JSON.readTree("{\"topic\":\"tea\"}")));
		String created = json(post("/rivet/gateway/room/action/state?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=ids&rvt-input="
				+ input, "json", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), PARAMS));
		assertThat(JSON.readTree(created).at("/output/topic").asString()).isEqualTo("tea");
		// the management API: PUT gets or creates, GET looks up, POST creates
		JsonNode put = JSON.readTree(send("PUT", "/rivet/actors?namespace=default",
				"{\"name\":\"room\",\"key\":\"ids\",\"runner_name_selector\":\"default\",\"crash_policy\":\"sleep\"}").body());
		assertThat(put.path("created").asBoolean()).isFalse();
		String id = put.at("/actor/actor_id").asString();
		assertThat(put.at("/actor/key").asString()).isEqualTo("ids");
		assertThat(JSON.readTree(get("/rivet/actors?name=room&key=ids&namespace=default").body()).at("/actors/0/actor_id")
			.asString()).isEqualTo(id);
		assertThat(JSON.readTree(get("/rivet/actors?name=room&key=nobody&namespace=default").body()).path("actors").size())
			.isZero();
		String byId = "/rivet/gateway/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/action/state";
		assertThat(JSON.readTree(json(post(byId, "json", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), PARAMS)))
			.at("/output/topic").asString()).isEqualTo("tea");
		assertThat(send("POST", "/rivet/actors?namespace=default", "{\"name\":\"room\",\"key\":\"ids\"}").statusCode())
			.isEqualTo(409);
		// destroyed and created again: the old id finds nothing, the new one is another
		assertThat(this.http.send(HttpRequest.newBuilder(uri("/actors/room/ids")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
		JsonNode again = JSON.readTree(send("POST", "/rivet/actors?namespace=default",
				"{\"name\":\"room\",\"key\":\"ids\",\"input\":\"" + java.util.Base64.getEncoder()
					.encodeToString(CBOR.writeValueAsBytes(JSON.readTree("{\"topic\":\"coffee\"}"))) + "\"}").body());
		assertThat(again.at("/actor/actor_id").asString()).isNotEqualTo(id);
		assertError(post(byId, "json", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), PARAMS), 404, "actor", "not_found");
		assertThat(JSON.readTree(get("/rivet/actors?actor_ids=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).body())
			.path("actors").size()).isZero();
		// a compound key: rvt-key's parts joined with ",", the management API's serialized key
		post("/rivet/gateway/counter/action/increment?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=acme%2Cb%2Fc",
				"json", "{\"args\":[1]}");
		JsonNode compound = JSON.readTree(get("/rivet/actors?name=counter&key=" + URLEncoder.encode("acme/b\\/c",
				StandardCharsets.UTF_8)).body());
		assertThat(compound.at("/actors/0/key").asString()).isEqualTo("acme/b\\/c");
	}

	@Test
	void badRequestsGetJsonErrorsWithStableCodes() throws Exception {
		String echo = "/rivet/gateway/counter/action/echo?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=bad";
		assertError(post(echo, "yaml", "{\"args\":[1]}"), 400, "actor", "invalid_request");
		assertError(post(echo, "json", "{\"args\":"), 400, "actor", "invalid_request");
		assertError(post(echo, "json", "{\"args\":[\"" + "x".repeat(5000) + "\"]}"), 413, "message", "incoming_too_long");
		assertError(post("/rivet/gateway/counter/action/nope?rvt-method=getOrCreate&rvt-key=bad", "json", "{}"), 404, "actor",
				"action_not_found");
		assertError(post("/rivet/gateway/nobody/action/x?rvt-method=getOrCreate&rvt-key=bad", "json", "{}"), 404, "actor",
				"actor_type_not_found");
		assertError(post("/rivet/gateway/counter/action/echo?rvt-method=create&rvt-key=bad", "json", "{}"), 400, "actor",
				"invalid_request");
		assertError(post("/rivet/gateway/not-an-id/action/echo", "json", "{}"), 404, "actor", "not_found");
		assertThat(json(post("/rivet/gateway/counter/action/increment?rvt-method=getOrCreate&rvt-key=..%2C..%2Fescaped",
				"json", "{\"args\":[1]}"))).isEqualTo("{\"output\":1}");
		try (var outside = java.nio.file.Files.list(dataDir.getParent())) {
			assertThat(outside.map((file) -> file.getFileName().toString())).doesNotContain("escaped", "..");
		}
		assertError(post(echo, "json", "{\"args\":[[\"$BigInt\",\"" + "9".repeat(1001) + "\"]]}"), 400, "actor",
				"invalid_request");
		assertError(this.http.send(HttpRequest.newBuilder(uri("/rivet/actors?actor_ids=" + "x,".repeat(33))).build(),
				HttpResponse.BodyHandlers.ofByteArray()), 400, "actor", "invalid_request");
		HttpResponse<byte[]> form = this.http.send(HttpRequest.newBuilder(uri(echo))
			.header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertError(form, 415, "actor", "invalid_request");
		assertError(post("/rivet/nowhere", "json", "{}"), 404, "actor", "invalid_request");
		assertError(send("PUT", "/rivet/actors", "{\"key\":\"x\"}"), 400, "actor", "invalid_request");
		assertThat(json(post(echo, "json", "{\"args\":[\"still fine\"]}"))).isEqualTo("{\"output\":\"still fine\"}");
	}

	@Test
	void browsersOfAllowedOriginsMayCallWithCredentials() throws Exception {
		HttpResponse<String> preflight = this.http.send(HttpRequest.newBuilder(uri("/rivet/actors?namespace=default"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "content-type,x-rivet-encoding")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
		HttpResponse<String> other = this.http.send(HttpRequest.newBuilder(uri("/rivet/metadata"))
			.header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(other.statusCode()).isEqualTo(403);
	}

	@Test
	void theWebSocketSelectsRivetAndSpeaksBare() throws Exception {
		BinaryClient client = new BinaryClient();
		String params = URLEncoder.encode(PARAMS, StandardCharsets.UTF_8).replace("+", "%20");
		WebSocket socket = this.http.newWebSocketBuilder()
			.subprotocols("rivet", "rivet_encoding.bare", "rivet_conn_params." + params)
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port
					+ "/rivet/gateway/room/connect?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=ws-bare"), client)
			.get(10, TimeUnit.SECONDS);
		try {
			assertThat(socket.getSubprotocol()).isEqualTo("rivet");
			byte[] init = client.next();
			assertThat(HEX.formatHex(init, 0, 3)).as("version 4, ToClient Init").isEqualTo("040000");
			String actorId = new String(init, 4, init[3], StandardCharsets.UTF_8);
			assertThat(actorId).as("the gateway id of room/ws-bare").contains(".");
			// SubscriptionRequest{eventName "said", subscribe true}, then ActionRequest{id 7, "say", ["yo"]}
			socket.sendBinary(ByteBuffer.wrap(HEX.parseHex("0400" + "01" + "04" + HEX.formatHex("said".getBytes()) + "01")), true);
			socket.sendBinary(ByteBuffer.wrap(HEX.parseHex("0400" + "00" + "07" + "03" + HEX.formatHex("say".getBytes())
					+ "04" + "8162796f")), true);
			byte[] welcome = client.next();
			assertThat(HEX.formatHex(welcome)).as("Event welcome [\"hello alice\"], sent by @OnConnect to this connection")
				.isEqualTo("0400" + "03" + "07" + HEX.formatHex("welcome".getBytes()) + "0d" + "816b"
						+ HEX.formatHex("hello alice".getBytes()));
			byte[] event = client.next();
			assertThat(HEX.formatHex(event)).as("Event said [alice, yo]").isEqualTo("0400" + "03" + "04"
					+ HEX.formatHex("said".getBytes()) + "0a" + "8265616c69636562796f");
			byte[] response = client.next();
			assertThat(HEX.formatHex(response)).as("ActionResponse id 7 \"alice\"").isEqualTo("0400" + "02" + "07" + "06"
					+ "65616c696365");
			socket.sendBinary(ByteBuffer.wrap(HEX.parseHex("0400" + "00" + "08" + "04" + HEX.formatHex("nope".getBytes())
					+ "01" + "80")), true);
			byte[] error = client.next();
			assertThat(HEX.formatHex(error, 0, 3)).isEqualTo("040001");
			assertThat(new String(error, StandardCharsets.ISO_8859_1)).contains("action_not_found");
			assertThat(HEX.formatHex(error, error.length - 4, error.length)).as("metadata none, actionId 8, actor none")
				.isEqualTo("00010800");
			// the id from Init addresses the same actor over HTTP
			String state = json(post("/rivet/gateway/" + URLEncoder.encode(actorId, StandardCharsets.UTF_8) + "/action/state",
					"json", "{}".getBytes(StandardCharsets.UTF_8), PARAMS));
			assertThat(JSON.readTree(state).at("/output/log").toString()).endsWith(",\"alice: yo\"]");
		}
		finally {
			socket.sendClose(1000, "Disposed");
		}
	}

	@Test
	void theWebSocketSpeaksJsonWithBigIntIds() throws Exception {
		TextClient client = new TextClient();
		WebSocket socket = this.http.newWebSocketBuilder()
			.subprotocols("rivet", "rivet_encoding.json")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/rivet/gateway/counter/connect?rvt-method=getOrCreate&rvt-key=ws-json"),
					client)
			.get(10, TimeUnit.SECONDS);
		try {
			assertThat(socket.getSubprotocol()).isEqualTo("rivet");
			assertThat(JSON.readTree(client.next()).at("/body/tag").asString()).isEqualTo("Init");
			socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":[\"$BigInt\",\"0\"],\"name\":\"echo\","
					+ "\"args\":[[\"$$x\",[\"$BigInt\",\"3\"]]]}}}", true);
			assertThat(client.next()).isEqualTo("{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":[\"$BigInt\",\"0\"],"
					+ "\"output\":[\"$$x\",3]}}}");
			socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":[\"$BigInt\",\"1\"],\"name\":\"echo\",\"args\":[[\"$Nope\",1]]}}}", true);
			JsonNode error = JSON.readTree(client.next());
			assertThat(error.at("/body/tag").asString()).isEqualTo("Error");
			assertThat(error.at("/body/val/code").asString()).isEqualTo("invalid_request");
			assertThat(error.at("/body/val/actionId").toString()).isEqualTo("[\"$BigInt\",\"1\"]");
			// an id sent as a plain number comes back as a BigInt: the official client reads nothing else
			socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":2,\"name\":\"get\",\"args\":[]}}}", true);
			assertThat(JSON.readTree(client.next()).at("/body/val/id").toString()).isEqualTo("[\"$BigInt\",\"2\"]");
			socket.sendText("not json", true);
			assertThat(JSON.readTree(client.next()).at("/body/val/actionId").isNull()).isTrue();
		}
		finally {
			socket.sendClose(1000, "Disposed");
		}
	}

	@Test
	void theWebSocketSpeaksCborWithBigIntIdsAndKeysWithSpacesAreOneActor() throws Exception {
		BinaryClient client = new BinaryClient();
		// the client's URLSearchParams sends the key "team chat" as team+chat
		WebSocket socket = this.http.newWebSocketBuilder()
			.subprotocols("rivet", "rivet_encoding.cbor")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port
					+ "/rivet/gateway/counter/connect?rvt-method=getOrCreate&rvt-key=team+chat"), client)
			.get(10, TimeUnit.SECONDS);
		try {
			assertThat(CBOR.readTree(client.next()).at("/body/tag").asString()).isEqualTo("Init");
			// as cbor-x writes a BigInt id: an 8-byte unsigned integer (0x1b)
			socket.sendBinary(ByteBuffer.wrap(HEX.parseHex("b90001" + "64" + HEX.formatHex("body".getBytes()) + "b90002"
					+ "63" + HEX.formatHex("tag".getBytes()) + "6d" + HEX.formatHex("ActionRequest".getBytes()) + "63"
					+ HEX.formatHex("val".getBytes()) + "b90003" + "62" + HEX.formatHex("id".getBytes()) + "1b0000000000000000"
					+ "64" + HEX.formatHex("name".getBytes()) + "69" + HEX.formatHex("increment".getBytes()) + "64"
					+ HEX.formatHex("args".getBytes()) + "8102")), true);
			JsonNode response = CBOR.readTree(client.next());
			assertThat(response.at("/body/tag").asString()).isEqualTo("ActionResponse");
			assertThat(response.at("/body/val/id").toString()).isEqualTo("[\"$BigInt\",\"0\"]");
			assertThat(response.at("/body/val/output").asInt()).isEqualTo(2);
		}
		finally {
			socket.sendClose(1000, "Disposed");
		}
		assertThat(json(post("/rivet/gateway/counter/action/get?rvt-method=get&rvt-key=team%20chat", "json", "{}")))
			.isEqualTo("{\"output\":2}");
		HttpResponse<String> nativeCall = this.http.send(HttpRequest.newBuilder(uri("/actors/counter/team%20chat/actions/get"))
			.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(nativeCall.body()).isEqualTo("{\"output\":2}");
	}

	@Test
	void queueSendsPublishAndMayWaitForTheConsumer() throws Exception {
		String signed = "/rivet/gateway/inbox/queue/signed?rvt-namespace=default&rvt-method=getOrCreate&rvt-key=gateway-queue";
		assertThat(json(post(signed, "json", "{\"body\":\"hi\",\"wait\":true,\"timeout\":5000,\"name\":\"signed\"}")))
			.isEqualTo("{\"status\":\"completed\",\"response\":\"anonymous: hi\"}");
		assertThat(json(post(signed, "json", "{\"body\":\"later\",\"wait\":false,\"name\":\"signed\"}")))
			.isEqualTo("{\"status\":\"completed\"}");
		// bare: HttpQueueSendRequest{body: CBOR "yo", name: "signed", wait: true, timeout: none}
		HttpResponse<byte[]> bare = post(signed, "bare", HEX.parseHex("0400" + "03" + "62796f" + "01" + "06"
				+ HEX.formatHex("signed".getBytes()) + "0101" + "00"), null);
		assertThat(bare.statusCode()).isEqualTo(200);
		assertThat(HEX.formatHex(bare.body())).as("HttpQueueSendResponse{completed, CBOR \"anonymous: yo\"}")
			.isEqualTo("0400" + "09" + HEX.formatHex("completed".getBytes()) + "01" + "0e" + "6d"
					+ HEX.formatHex("anonymous: yo".getBytes()));
		assertError(post("/rivet/gateway/inbox/queue/nope?rvt-method=getOrCreate&rvt-key=gateway-queue", "json",
				"{\"body\":1}"), 404, "queue", "not_found");
		assertError(post(signed, "json", "{\"body\":1,\"wait\":\"yes\"}"), 400, "actor", "invalid_request");
	}

	@Test
	void theWebSocketRefusesPagesOfOtherOrigins() {
		java.util.concurrent.CompletableFuture<WebSocket> refused = this.http.newWebSocketBuilder()
			.header("Origin", "https://evil.example")
			.subprotocols("rivet", "rivet_encoding.json")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/rivet/gateway/counter/connect?rvt-method=getOrCreate&rvt-key=o"),
					new TextClient());
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
			.cause()
			.isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
					(handshake) -> assertThat(handshake.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	@SuppressWarnings("deprecation")
	void aHandlerBuiltWithTheOldConstructorStillServesTheNativeConnect(
			@org.springframework.beans.factory.annotation.Autowired dev.actorspring.runtime.ActorRuntime runtime) {
		dev.actorspring.transport.websocket.ActorWebSocketHandler handler = new dev.actorspring.transport.websocket.ActorWebSocketHandler(
				runtime, 65536, Duration.ofSeconds(10), 1 << 20, Duration.ofSeconds(30), 4096);
		handler.destroy();
	}

	@Test
	void theNativeConnectStillRefusesBinaryFrames() throws Exception {
		BinaryClient client = new BinaryClient();
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/actors/counter/native-binary/connect"), client)
			.get(10, TimeUnit.SECONDS);
		socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true);
		assertThat(client.closed.poll(10, TimeUnit.SECONDS)).isEqualTo(1003);
	}

	private static void assertError(HttpResponse<byte[]> response, int status, String group, String code) throws Exception {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).as(body).isEqualTo(status);
		assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
		JsonNode error = JSON.readTree(body);
		assertThat(error.path("group").asString() + "/" + error.path("code").asString()).as(body).isEqualTo(group + "/" + code);
		assertThat(error.path("message").asString()).isNotEmpty();
	}

	private static String json(HttpResponse<byte[]> response) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).as(body).isEqualTo(200);
		return body;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> send(String method, String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String path, String encoding, String body) throws Exception {
		return post(path, encoding, body.getBytes(StandardCharsets.UTF_8), null);
	}

	private HttpResponse<byte[]> post(String path, String encoding, byte[] body, String params) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("content-type", "json".equals(encoding) || "yaml".equals(encoding) ? "application/json" : "application/octet-stream")
			.header("x-rivet-encoding", encoding)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (params != null) {
			request.header("x-rivet-conn-params", params);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Collects binary frames. */
	private static final class BinaryClient implements WebSocket.Listener {

		private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();

		private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

		private final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.add(statusCode);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.partial.writeBytes(bytes);
			if (last) {
				this.frames.add(this.partial.toByteArray());
				this.partial.reset();
			}
			webSocket.request(1);
			return null;
		}

		byte[] next() throws InterruptedException {
			byte[] frame = this.frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame within 10 s").isNotNull();
			return frame;
		}

	}

	/** Collects text frames. */
	private static final class TextClient implements WebSocket.Listener {

		private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.frames.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		String next() throws InterruptedException {
			String frame = this.frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame within 10 s").isNotNull();
			return frame;
		}

	}

}
