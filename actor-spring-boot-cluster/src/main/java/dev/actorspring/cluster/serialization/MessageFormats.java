package dev.actorspring.cluster.serialization;

import java.io.IOException;
import java.util.List;

/**
 * How the cluster messages of one package are written. Each package that sends messages across nodes lists its
 * formats in {@code META-INF/services/dev.actorspring.cluster.serialization.MessageFormats}; the
 * {@link ClusterMessageSerializer} finds them there, so it knows no message type itself.
 */
public interface MessageFormats {

	/**
	 * The formats of this package's messages.
	 * @return one per message class, with a manifest unique in the cluster
	 */
	List<Format<?>> formats();

	/**
	 * How one message class is written and read back.
	 *
	 * @param <T> the message class
	 * @param type the message class
	 * @param manifest its short name on the wire
	 * @param writer writes one message
	 * @param reader reads one message back
	 */
	record Format<T>(Class<T> type, String manifest, Writer<T> writer, Reader<T> reader) {

		void write(RecordOutput out, Object message) throws IOException {
			this.writer.write(out, this.type.cast(message));
		}

	}

	/**
	 * Writes a message's fields.
	 *
	 * @param <T> the message class
	 */
	@FunctionalInterface
	interface Writer<T> {

		void write(RecordOutput out, T message) throws IOException;

	}

	/**
	 * Reads a message's fields back, in the order they were written.
	 *
	 * @param <T> the message class
	 */
	@FunctionalInterface
	interface Reader<T> {

		T read(RecordInput in) throws IOException;

	}

}
