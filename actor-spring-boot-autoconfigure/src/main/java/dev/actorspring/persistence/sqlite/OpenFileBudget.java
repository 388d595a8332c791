package dev.actorspring.persistence.sqlite;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many SQLite files may be open at once when the application does not say. Each takes three file descriptors
 * (database, write-ahead log, shared memory) and about {@value #BYTES_PER_FILE} bytes of native memory, so: a third
 * of half the process's descriptor limit (the other half stays for sockets, jars and logs: Tomcat alone accepts up
 * to 8,192 connections), and no more than a sixteenth of the machine's (or container's) memory holds, between
 * {@value #MIN} and {@value #MAX} (past it, each open costs SQLite a walk through the list of all open files).
 */
final class OpenFileBudget {

	static final int MIN = 64;

	/** The descriptor limit assumed where the JVM cannot tell it (not a Unix). */
	static final long UNKNOWN_DESCRIPTORS = 2048;

	static final int MAX = 16_384;

	static final long BYTES_PER_FILE = 200 * 1024;

	private OpenFileBudget() {
	}

	/**
	 * The default for this process.
	 * @return the most files to keep open
	 */
	static int forThisProcess() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		long descriptors = (os instanceof com.sun.management.UnixOperatingSystemMXBean unix)
				? unix.getMaxFileDescriptorCount() : -1;
		long memory = (os instanceof com.sun.management.OperatingSystemMXBean sun) ? sun.getTotalMemorySize() : -1;
		return forLimits(descriptors, memory);
	}

	/**
	 * The default for a descriptor limit and an amount of memory.
	 * @param descriptors the process's file descriptor limit, or a negative number if unknown
	 * @param memoryBytes the memory of the machine or container, or a negative number if unknown
	 * @return the most files to keep open
	 */
	static int forLimits(long descriptors, long memoryBytes) {
		long budget = ((descriptors > 0) ? descriptors : UNKNOWN_DESCRIPTORS) / 2 / 3;
		if (memoryBytes > 0) {
			budget = Math.min(budget, memoryBytes / 16 / BYTES_PER_FILE);
		}
		return (int) Math.max(MIN, Math.min(MAX, budget));
	}

}
