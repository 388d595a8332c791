package dev.actorspring.sample.chat.user;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * Stands for the application's existing user database (in a real application: a repository over PostgreSQL,
 * an HTTP client to an identity service). Actors read it in {@code @CreateVars} and write to it in
 * {@code @OnStateChange}.
 */
@Service
public class ProfileService {

	private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

	public Profile load(String userId) {
		return this.profiles.computeIfAbsent(userId, (id) -> new Profile(id, id, null));
	}

	public Profile rename(String userId, String displayName) {
		return this.profiles.compute(userId, (id, old) -> new Profile(id, displayName, (old != null) ? old.lastRoom() : null));
	}

	public void recordLastRoom(String userId, String room) {
		this.profiles.compute(userId, (id, old) -> new Profile(id, (old != null) ? old.displayName() : id, room));
	}

	/** A user profile as the external database keeps it. */
	public record Profile(String userId, String displayName, String lastRoom) {
	}

}
