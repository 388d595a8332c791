package dev.actorspring.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.actorspring.runtime.ActorRuntime;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * DOWN when the runtime stopped accepting work, the data directory cannot be written, or the free disk space
 * under it falls below the threshold.
 */
public class ActorRuntimeHealthIndicator extends AbstractHealthIndicator {

	private final ActorRuntime runtime;

	private final Path dataDir;

	private final DataSize minFreeDisk;

	public ActorRuntimeHealthIndicator(ActorRuntime runtime, Path dataDir, DataSize minFreeDisk) {
		super("Actor runtime health check failed");
		this.runtime = runtime;
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.minFreeDisk = minFreeDisk;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("dataDir", this.dataDir.toString())
			.withDetail("instances", this.runtime.liveInstances())
			.withDetail("accepting", this.runtime.running());
		String problem = null;
		try {
			Files.createDirectories(this.dataDir);
			Path probe = Files.createTempFile(this.dataDir, ".health", ".tmp");
			Files.delete(probe);
			long free = Files.getFileStore(this.dataDir).getUsableSpace();
			builder.withDetail("free", free).withDetail("threshold", this.minFreeDisk.toBytes());
			if (free < this.minFreeDisk.toBytes()) {
				problem = "free disk space below the threshold";
			}
		}
		catch (IOException | RuntimeException ex) {
			problem = "data directory not writable: " + ex;
		}
		if (!this.runtime.running()) {
			problem = "the runtime is not accepting work";
		}
		if (problem != null) {
			builder.down().withDetail("problem", problem);
		}
		else {
			builder.up();
		}
	}

}
