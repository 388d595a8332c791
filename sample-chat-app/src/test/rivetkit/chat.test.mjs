// The official RivetKit clients against the chat sample's RivetKit gateway, as a RivetKit front end uses them:
// rivetkit 2.3.19 (createClient) in each encoding, and rivetkit 2.3.11, the client @rivetkit/react runs.
// Run by RivetKitClientTests (Maven, -Pe2e), which starts the sample and sets CHAT_ENDPOINT.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { createClient } from "rivetkit/client";

const endpoint = process.env.CHAT_ENDPOINT; // e.g. http://127.0.0.1:8080/rivet
assert.ok(endpoint, "CHAT_ENDPOINT is not set");
const basic = (user) => "Basic " + Buffer.from(`${user}:${user}`).toString("base64");

// A browser sends the session cookie with the WebSocket upgrade; Node's WebSocket cannot, so the tests' WebSocket
// adds alice's credentials to every upgrade (the client itself is unchanged).
const NativeWebSocket = globalThis.WebSocket;
globalThis.WebSocket = class extends NativeWebSocket {
	constructor(url, protocols) {
		super(url, { protocols, headers: { authorization: basic("alice") } });
	}
};

// every HTTP request the clients make, to check which paths they took
const requests = [];
const nativeFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
	const url = input instanceof Request ? input.url : String(input);
	const method = init?.method ?? (input instanceof Request ? input.method : "GET");
	requests.push(`${method} ${new URL(url).pathname}`);
	return nativeFetch(input, init);
};

// rivetkit 2.3.11, resolved from @rivetkit/react's own dependency: the client its hooks use
const reactPackage = new URL("./node_modules/@rivetkit/react/package.json", import.meta.url);
const reactRequire = createRequire(reactPackage);
const reactClient = await import(pathToFileURL(reactRequire.resolve("rivetkit/client")).href);
const reactRivetkit = JSON.parse(readFileSync(new URL("./node_modules/rivetkit/package.json", reactPackage)));
assert.equal(reactRivetkit.version, "2.3.11");

const clientVersion = JSON.parse(readFileSync(new URL("./node_modules/rivetkit/package.json", import.meta.url))).version;
console.log(`Node.js ${process.version}, rivetkit ${clientVersion}, rivetkit ${reactRivetkit.version} (@rivetkit/react)`);
const run = Date.now().toString(36);
const clients = [];
function client(encoding, options = {}, create = createClient) {
	const made = create({ endpoint, encoding, headers: { authorization: basic("alice") }, ...options });
	clients.push(made);
	return made;
}

function eventually(what, check, timeoutMs = 10000) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const poll = () => {
			const value = check();
			if (value) {
				resolve(value);
			}
			else if (Date.now() - started > timeoutMs) {
				reject(new Error("timed out waiting for " + what));
			}
			else {
				setTimeout(poll, 20);
			}
		};
		poll();
	});
}

for (const encoding of ["json", "bare", "cbor"]) {
	test(`${encoding}: HTTP actions post as the signed-in user, whatever the connection params say`, async () => {
		const chat = client(encoding);
		const room = chat.chatRoom.getOrCreate([`http-${encoding}-${run}`], { params: { user: "bob" } });
		const sent = await room.sendMessage(`hello over ${encoding}`);
		assert.equal(sent.sender, "alice");
		assert.equal(sent.text, `hello over ${encoding}`);
		assert.equal(typeof sent.id, "number");
		await room.sendMessage("second");
		assert.equal(await room.messageCount(), 2);
		// a BigInt argument arrives as ["$BigInt","2"] (json, bare) and is read back as the number 2
		const before = await room.getHistory(2n, 10);
		assert.deepEqual(before.map((message) => message.text), [`hello over ${encoding}`]);
	});

	test(`${encoding}: errors carry RivetKit's group and code`, async () => {
		const chat = client(encoding);
		const room = chat.chatRoom.getOrCreate([`errors-${encoding}-${run}`]);
		await assert.rejects(room.nope(), (error) => error.group === "actor" && error.code === "action_not_found");
		await assert.rejects(room.sendMessage("   "), (error) => error.code === "empty_message");
		await assert.rejects(room.getHistory(null, 1000), (error) => error.code === "invalid_limit");
	});

	test(`${encoding}: get finds only rooms that exist, getOrCreate creates them`, async () => {
		const chat = client(encoding);
		const key = [`lazy-${encoding}-${run}`];
		await assert.rejects(chat.chatRoom.get(key).messageCount(),
			(error) => error.group === "actor" && error.code === "not_found");
		assert.equal(await chat.chatRoom.getOrCreate(key).messageCount(), 0);
		assert.equal(await chat.chatRoom.get(key).messageCount(), 0);
	});

	test(`${encoding}: actor ids address the same room as its key, also through the native REST API`, async () => {
		const chat = client(encoding);
		const key = [`ids-${encoding}-${run}`];
		const created = await chat.chatRoom.create(key);
		const id = await created.resolve();
		assert.equal(typeof id, "string");
		await created.sendMessage("by id");
		assert.equal(await chat.chatRoom.getForId(id).messageCount(), 1);
		assert.equal(await chat.chatRoom.getOrCreate(key).resolve(), id);
		assert.equal(await chat.chatRoom.get(key).resolve(), id);
		await assert.rejects(chat.chatRoom.create(key), (error) => error.code === "actor_already_exists");
		// a one-part key is the native key itself
		const native = await fetch(endpoint.replace(/\/rivet$/, "") + `/actors/chatRoom/${key[0]}/actions/messageCount`,
			{ method: "POST", headers: { authorization: basic("alice"), "content-type": "application/json" }, body: "{}" });
		assert.deepEqual(await native.json(), { output: 1 });
		// a compound key is one room whichever way it is addressed
		const compound = ["acme", `team/${encoding}`, run];
		await chat.chatRoom.getOrCreate(compound).sendMessage("compound");
		const compoundId = await chat.chatRoom.get(compound).resolve();
		assert.equal(await chat.chatRoom.getForId(compoundId).messageCount(), 1);
		assert.notEqual(compoundId, id);
	});

	test(`${encoding}: connect, events, actions over the socket and their errors`, async () => {
		const chat = client(encoding);
		const room = chat.chatRoom.getOrCreate([`ws-${encoding}-${run}`]);
		const conn = room.connect();
		const received = [];
		conn.on("newMessage", (message) => received.push(message));
		try {
			const sent = await conn.sendMessage(`over the ${encoding} socket`);
			assert.equal(sent.sender, "alice");
			await eventually("the newMessage event", () => received.find((message) => message.id === sent.id));
			assert.deepEqual(await conn.whoIsOnline(), ["alice"]);
			await assert.rejects(conn.nope(), (error) => error.group === "actor" && error.code === "action_not_found");
			// an HTTP action of another client reaches the socket's subscription too
			await room.sendMessage("over HTTP");
			await eventually("the event of an HTTP action", () => received.find((message) => message.text === "over HTTP"));
			assert.equal(conn.connStatus, "connected");
		}
		finally {
			await conn.dispose();
		}
	});
}

test("the client @rivetkit/react uses (2.3.11) resolves ids through the management API", async () => {
	const chat = client("json", {}, reactClient.createClient);
	const key = [`react-${run}`];
	const room = chat.chatRoom.getOrCreate(key);
	requests.length = 0;
	const sent = await room.sendMessage("from the React client");
	assert.equal(sent.sender, "alice");
	const id = await room.resolve();
	// 2.3.11 resolves the id with PUT /actors, then calls the action by id
	assert.ok(requests.includes("PUT /rivet/actors"), requests.join("; "));
	assert.ok(requests.includes(`POST /rivet/gateway/${encodeURIComponent(id)}/action/sendMessage`), requests.join("; "));
	assert.equal(await chat.chatRoom.get(key).resolve(), id);
	assert.equal(await chat.chatRoom.getForId(id).messageCount(), 1);
	const conn = room.connect();
	const received = [];
	conn.on("newMessage", (message) => received.push(message));
	try {
		await conn.sendMessage("over the React client's socket");
		await eventually("the event", () => received.length > 0);
	}
	finally {
		await conn.dispose();
	}
	const bare = client("bare", {}, reactClient.createClient);
	assert.equal(await bare.chatRoom.getOrCreate(key).messageCount(), 2);
});

test("without credentials the gateway refuses with auth/unauthorized", async () => {
	const chat = createClient({ endpoint, encoding: "json" });
	clients.push(chat);
	await assert.rejects(chat.chatRoom.getOrCreate([`anonymous-${run}`]).sendMessage("hi"),
		(error) => error.group === "auth" && error.code === "unauthorized");
});

test.after(async () => {
	await Promise.all(clients.map((made) => made.dispose?.()));
});
