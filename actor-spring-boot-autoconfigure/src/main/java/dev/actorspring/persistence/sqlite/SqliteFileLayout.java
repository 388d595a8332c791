package dev.actorspring.persistence.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Maps an actor instance to its SQLite file: {@code <data-dir>/<actor name>/k-<key>.db} for short keys of
 * lower-case letters, digits, {@code .}, {@code _} and {@code -} (readable, and safe on case-insensitive file
 * systems), {@code <data-dir>/<actor name>/h-<sha-256 of the key>.db} for every other key. No key can name a
 * path outside the data directory.
 */
public final class SqliteFileLayout {

	private static final Pattern PLAIN_KEY = Pattern.compile("[a-z0-9_-][a-z0-9._-]{0,63}");

	private static final Pattern ACTOR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private final Path dataDir;

	public SqliteFileLayout(Path dataDir) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public Path directory(String actorName) {
		if (!ACTOR_NAME.matcher(actorName).matches()) {
			throw new IllegalArgumentException("Invalid actor name: " + actorName);
		}
		return this.dataDir.resolve(actorName);
	}

	/**
	 * The file of an instance.
	 * @param actorName the actor type name
	 * @param key the key, well-formed UTF-16 (the runtime refuses others before they get here)
	 * @return the file, inside the data directory
	 * @throws IllegalArgumentException for an invalid actor name, or a key with an unpaired surrogate (it has no
	 * UTF-8 form, so two such keys could hash alike)
	 */
	public Path file(String actorName, String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException("Key with an unpaired surrogate at index " + i);
			}
		}
		Path file = directory(actorName).resolve(fileName(key)).normalize();
		if (!file.startsWith(this.dataDir)) {
			throw new IllegalArgumentException("Key escapes the data directory");
		}
		return file;
	}

	static String fileName(String key) {
		return PLAIN_KEY.matcher(key).matches() ? "k-" + key + ".db" : "h-" + sha256(key) + ".db";
	}

	private static String sha256(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
