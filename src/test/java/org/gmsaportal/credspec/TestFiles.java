package org.gmsaportal.credspec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hand-checked expected files kept next to these tests.
 */
final class TestFiles {

	private TestFiles() {
	}

	static String read(String name) {
		try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file without the single newline editors add at the end, which the generator does not write. */
	static String expectedJson(String name) {
		String text = read(name);
		return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
	}

}
