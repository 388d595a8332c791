package dev.actorspring.persistence.sqlite;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Finding the migration scripts: ordering, and the naming mistakes that fail startup. */
class SqliteMigrationsTests {

	@TempDir
	Path root;

	@Test
	void scriptsAreOrderedByVersionPerActor() throws Exception {
		script("shop", "V10__ten.sql");
		script("shop", "V2__two.sql");
		script("cart", "V1__init.sql");
		SqliteMigrations migrations = SqliteMigrations.scan(classLoader());
		assertThat(migrations.of("shop")).extracting(SqliteMigrations.Migration::version).containsExactly(2, 10);
		assertThat(migrations.of("cart")).extracting(SqliteMigrations.Migration::description)
			.containsExactly("db/actors/cart/V1__init.sql");
		assertThat(migrations.of("nobody")).isEmpty();
	}

	@Test
	void aMisnamedScriptFailsWithItsName() throws Exception {
		script("shop", "V1_init.sql");
		assertThatIllegalStateException().isThrownBy(() -> SqliteMigrations.scan(classLoader()))
			.withMessageContaining("db/actors/shop/V1_init.sql is misnamed")
			.withMessageContaining("V<version>__<description>.sql");
	}

	@Test
	void twoScriptsWithOneVersionFail() throws Exception {
		script("shop", "V1__init.sql");
		script("shop", "V1__other.sql");
		assertThatIllegalStateException().isThrownBy(() -> SqliteMigrations.scan(classLoader()))
			.withMessageContaining("Two migrations of actor 'shop' have version 1");
	}

	private void script(String actor, String name) throws Exception {
		Path dir = this.root.resolve("db/actors/" + actor);
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(name), "SELECT 1;");
	}

	private ClassLoader classLoader() throws Exception {
		return new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null);
	}

}
