package dev.actorspring.transport.rivetkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.error.ActorErrors;

/**
 * BARE, as RivetKit's client protocol uses it (schema version 4, {@code vbare}): each message is a little-endian
 * {@code u16} version, then the body; {@code uint} is an unsigned LEB128 varint, {@code str} and {@code data} a varint
 * length and the bytes, {@code bool} one byte, {@code optional<T>} a bool byte then T, a union tag one byte.
 */
final class Bare {

	/** The client protocol version written (the client reads 1 to 4). */
	static final int VERSION = 4;

	private Bare() {
	}

	/** Reads a message. */
	static final class Reader {

		private final byte[] bytes;

		private int at;

		/**
		 * @param bytes the message, version first
		 * @throws ActorException {@code invalid_request} for another version than 4
		 */
		Reader(byte[] bytes) {
			this.bytes = bytes;
			int version = u8() | (u8() << 8);
			if (version != VERSION) { // rivetkit 2.3.11 and 2.3.19 both send version 4
				throw ActorErrors.invalidRequest("BARE client protocol version " + version + " is not supported: send 4.");
			}
		}

		int u8() {
			if (this.at >= this.bytes.length) {
				throw ActorErrors.invalidRequest("The BARE message ends early.");
			}
			return this.bytes[this.at++] & 0xFF;
		}

		long uint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				int b = u8();
				value |= (long) (b & 0x7F) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
			throw ActorErrors.invalidRequest("A BARE uint is longer than 64 bits.");
		}

		/** A fixed-width little-endian {@code u64}. */
		long u64() {
			long value = 0;
			for (int i = 0; i < 8; i++) {
				value |= (long) u8() << (8 * i);
			}
			return value;
		}

		byte[] data() {
			long length = uint();
			if (length < 0 || length > this.bytes.length - this.at) {
				throw ActorErrors.invalidRequest("A BARE field is longer than its message.");
			}
			byte[] data = new byte[(int) length];
			System.arraycopy(this.bytes, this.at, data, 0, data.length);
			this.at += data.length;
			return data;
		}

		String str() {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(data()))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw ActorErrors.invalidRequest("A BARE string is not valid UTF-8.");
			}
		}

		boolean bool() {
			int b = u8();
			if (b > 1) {
				throw ActorErrors.invalidRequest("A BARE bool is 0 or 1.");
			}
			return b == 1;
		}

		/** Checks that nothing follows the last field. */
		void end() {
			if (this.at != this.bytes.length) {
				throw ActorErrors.invalidRequest("The BARE message has bytes after its last field.");
			}
		}

	}

	/** Writes a message, version first. */
	static final class Writer {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

		Writer() {
			this.out.write(VERSION & 0xFF);
			this.out.write(VERSION >>> 8);
		}

		Writer u8(int value) {
			this.out.write(value);
			return this;
		}

		Writer uint(long value) {
			long rest = value;
			while ((rest & ~0x7FL) != 0) {
				this.out.write((int) ((rest & 0x7F) | 0x80));
				rest >>>= 7;
			}
			this.out.write((int) rest);
			return this;
		}

		Writer data(byte[] data) {
			uint(data.length);
			this.out.writeBytes(data);
			return this;
		}

		Writer str(String text) {
			return data(text.getBytes(StandardCharsets.UTF_8));
		}

		Writer bool(boolean value) {
			return u8(value ? 1 : 0);
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

	}

}
