package dev.actorspring.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Compound keys: a key made of several parts (tenant, room) maps to one key string, and so to one instance and one
 * file, by RivetKit's rule for array keys ({@code serializeActorKey}), which the RivetKit gateway uses too: the
 * parts are joined with {@code /}; inside a part, {@code \} becomes {@code \\} and {@code /} becomes {@code \/};
 * an empty part becomes {@code \0}; no part at all is {@code /}. A one-part key without {@code /} or {@code \} is
 * the part itself, so {@code ActorKey.of("general")} is the plain key {@code general}, and a plain key is the
 * compound key that {@link #parts(String)} reads from it: the same actor is reachable both ways.
 *
 * <p>Over REST and WebSocket a compound key is sent as its key string in the one path segment, percent-encoded
 * ({@code ["acme", "general"]} is {@code acme/general}, sent as {@code /actors/chatRoom/acme%2Fgeneral/...}).
 */
public final class ActorKey {

	private ActorKey() {
	}

	/**
	 * The key string of a compound key.
	 * @param parts the parts, in order
	 * @return the key string
	 */
	public static String of(String... parts) {
		return of(List.of(parts));
	}

	/**
	 * The key string of a compound key.
	 * @param parts the parts, in order
	 * @return the key string
	 */
	public static String of(List<String> parts) {
		if (parts.isEmpty()) {
			return "/";
		}
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			if (i > 0) {
				key.append('/');
			}
			if (part.isEmpty()) {
				key.append("\\0");
				continue;
			}
			for (int c = 0; c < part.length(); c++) {
				char ch = part.charAt(c);
				if (ch == '\\' || ch == '/') {
					key.append('\\');
				}
				key.append(ch);
			}
		}
		return key.toString();
	}

	/**
	 * The parts of a key string, as {@link #of(List)} made it: {@code of(parts(key))} is {@code key} for every key
	 * {@code of} makes. A backslash before anything but {@code \}, {@code /} or a whole-part {@code 0} is kept as
	 * it is.
	 * @param key the key string
	 * @return its parts
	 */
	public static List<String> parts(String key) {
		List<String> parts = new ArrayList<>();
		if (key.equals("/")) {
			return parts;
		}
		StringBuilder part = new StringBuilder();
		boolean escapedZero = false;
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			if (ch == '\\' && i + 1 < key.length()) {
				char next = key.charAt(i + 1);
				if (next == '\\' || next == '/') {
					part.append(next);
					i++;
					continue;
				}
				if (next == '0' && part.length() == 0 && (i + 2 == key.length() || key.charAt(i + 2) == '/')) {
					escapedZero = true;
					i++;
					continue;
				}
				part.append(ch);
			}
			else if (ch == '/') {
				parts.add(part.toString());
				part.setLength(0);
				escapedZero = false;
			}
			else {
				part.append(ch);
			}
		}
		parts.add(escapedZero ? "" : part.toString());
		return List.copyOf(parts);
	}

}
