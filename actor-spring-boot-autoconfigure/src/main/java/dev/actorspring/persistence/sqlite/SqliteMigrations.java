package dev.actorspring.persistence.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.actorspring.persistence.StateStoreException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The schema migrations of each actor type: SQL scripts on the classpath at
 * {@code db/actors/{actorName}/V{version}__{description}.sql}, applied in version order to an instance's own
 * database when it is created or woken with an older schema. The version reached is kept in the file's
 * {@code PRAGMA user_version}; all pending scripts of one wake run in one transaction.
 */
public final class SqliteMigrations {

	/** Where the scripts are looked for. */
	public static final String LOCATION = "classpath*:db/actors/*/*.sql";

	/** No migrations at all. */
	public static final SqliteMigrations NONE = new SqliteMigrations(Map.of());

	private static final Pattern NAME = Pattern.compile("V([0-9]{1,9})__([^/]+)\\.sql");

	private final Map<String, List<Migration>> byActor;

	private SqliteMigrations(Map<String, List<Migration>> byActor) {
		this.byActor = byActor;
	}

	/**
	 * Finds the migration scripts on the class path.
	 * @param classLoader where to look
	 * @return the migrations found
	 * @throws IllegalStateException if a script is misnamed or two scripts of one actor share a version
	 */
	public static SqliteMigrations scan(ClassLoader classLoader) {
		ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		Resource[] resources;
		try {
			resources = resolver.getResources(LOCATION);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not list the actor migrations at " + LOCATION, ex);
		}
		Map<String, List<Migration>> byActor = new HashMap<>();
		for (Resource resource : resources) {
			Migration migration = Migration.of(resource);
			List<Migration> list = byActor.computeIfAbsent(migration.actorName(), (name) -> new ArrayList<>());
			for (Migration other : list) {
				if (other.version() == migration.version()) {
					throw new IllegalStateException("Two migrations of actor '" + migration.actorName()
							+ "' have version " + migration.version() + ": " + other.description() + " and "
							+ migration.description());
				}
			}
			list.add(migration);
		}
		byActor.replaceAll((name, list) -> list.stream().sorted(Comparator.comparingInt(Migration::version)).toList());
		return new SqliteMigrations(Map.copyOf(byActor));
	}

	/**
	 * The migrations of one actor type, in version order.
	 * @param actorName the actor type name
	 * @return its migrations, possibly none
	 */
	public List<Migration> of(String actorName) {
		return this.byActor.getOrDefault(actorName, List.of());
	}

	/**
	 * Applies the scripts the file has not seen yet, in the transaction the caller opened.
	 * @param connection the instance's connection, inside a transaction
	 * @param actorName the actor type name
	 * @param file what the file is, for messages
	 * @throws StateStoreException if a script fails; the caller must roll back
	 */
	void apply(Connection connection, String actorName, String file) {
		List<Migration> migrations = of(actorName);
		if (migrations.isEmpty()) {
			return;
		}
		int current = userVersion(connection, file);
		for (Migration migration : migrations) {
			if (migration.version() <= current) {
				continue;
			}
			try (Statement statement = connection.createStatement()) {
				ScriptUtils.executeSqlScript(connection, migration.resource());
				statement.execute("PRAGMA user_version = " + migration.version());
			}
			catch (SQLException | RuntimeException ex) {
				throw new StateStoreException("Migration " + migration.description() + " of actor '" + actorName
						+ "' failed on " + file + ": " + rootMessage(ex), ex);
			}
		}
	}

	/**
	 * Whether the file may need migrating, judged without a transaction.
	 * @param connection the instance's connection
	 * @param actorName the actor type name
	 * @param file what the file is, for messages
	 * @return whether a script is newer than the file's version
	 */
	boolean pending(Connection connection, String actorName, String file) {
		List<Migration> migrations = of(actorName);
		return !migrations.isEmpty() && userVersion(connection, file) < migrations.get(migrations.size() - 1).version();
	}

	private static int userVersion(Connection connection, String file) {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
			return rows.next() ? rows.getInt(1) : 0;
		}
		catch (SQLException ex) {
			throw new StateStoreException("Could not read the schema version of " + file, ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	/**
	 * One migration script.
	 *
	 * @param actorName the actor type it belongs to (its folder's name)
	 * @param version its version, from its file name
	 * @param description where it lives, for messages
	 * @param resource the script
	 */
	public record Migration(String actorName, int version, String description, Resource resource) {

		static Migration of(Resource resource) {
			String location;
			try {
				location = resource.getURL().toString();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not locate the actor migration " + resource, ex);
			}
			String[] parts = location.split("/");
			String fileName = parts[parts.length - 1];
			String actorName = parts[parts.length - 2];
			String description = "db/actors/" + actorName + "/" + fileName;
			Matcher matcher = NAME.matcher(fileName);
			if (!matcher.matches()) {
				throw new IllegalStateException("The actor migration " + description
						+ " is misnamed: expected V<version>__<description>.sql, for example V1__init.sql");
			}
			return new Migration(actorName, Integer.parseInt(matcher.group(1)), description, resource);
		}

	}

}
