package dev.actorspring.transport.rivetkit;

import java.util.Map;

import dev.actorspring.api.ActorException;

/**
 * Errors as RivetKit's client knows them ({@code {"group","code","message"}}): the codes whose meaning the client
 * acts on are RivetKit's ({@code actor/not_found}, which a {@code get} handle retries; {@code actor/invalid_request}
 * for every malformed request), the others keep their own group and code.
 */
final class GatewayErrors {

	private static final Map<String, String> RENAMED = Map.of("actor/actor_not_found", "not_found");

	private GatewayErrors() {
	}

	/** The error as the gateway reports it. */
	static ActorException external(ActorException error) {
		String renamed = RENAMED.get(error.group() + "/" + error.code());
		if (renamed != null) {
			return new ActorException(error.group(), renamed, error.getMessage(), error.status(), error);
		}
		if ("request".equals(error.group())) {
			return new ActorException("actor", "invalid_request", error.getMessage(), error.status(), error);
		}
		return error;
	}

}
