package dev.actorspring.persistence.sqlite;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many SQLite files may be open at once when the application does not say: each takes three file descriptors
 * (database, write-ahead log, shared memory), so a third of what the process's descriptor limit leaves after
 * {@value #RESERVED} for sockets, jars and logs, between {@value #MIN} and {@value #MAX} (each open file also holds
 * about 200 KB of native memory).
 */
final class OpenFileBudget {

	static final int RESERVED = 1024;

	static final int MIN = 256;

	static final int MAX = 4096;

	private OpenFileBudget() {
	}

	/**
	 * The default for this process.
	 * @return the most files to keep open
	 */
	static int forThisProcess() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		long limit = (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) ? unix.getMaxFileDescriptorCount()
				: -1;
		return forLimit(limit);
	}

	/**
	 * The default for a descriptor limit.
	 * @param descriptors the process's file descriptor limit, or a negative number if unknown
	 * @return the most files to keep open
	 */
	static int forLimit(long descriptors) {
		if (descriptors <= 0) {
			return MIN;
		}
		return (int) Math.max(MIN, Math.min(MAX, (descriptors - RESERVED) / 3));
	}

}
