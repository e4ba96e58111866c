package org.gmsaportal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The file sink of checkpoints: one file per checkpoint, created new and never overwritten.
 *
 * <p>
 * File names sort by sequence, then time ({@code checkpoint-<seq, 20 digits>-<UTC time>.txt}), so the newest is
 * found without reading the others. The directory belongs on storage the database's writers cannot change (another
 * volume, a WORM or retention-locked share): the portal itself only ever creates files in it.
 *
 * <p>
 * A name is only a hint: a file counts only when its name is the one the portal gives its signed content. Whoever
 * may create files there could otherwise copy an old checkpoint under a name that sorts last and so hide the newer
 * ones, and with them the events cut off since. Among files named for their content, the newest name holds the
 * highest signed sequence.
 */
final class CheckpointDirectory {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	// A second checkpoint of the same head in the same millisecond gets "-1", and so on up to "-9" (one digit).
	private static final int MAX_SUFFIX = 9;

	private final Path directory;

	CheckpointDirectory(Path directory) {
		this.directory = directory;
	}

	Path path() {
		return this.directory;
	}

	/** Writes a new file for the checkpoint; never replaces one. */
	Path write(Checkpoint checkpoint) throws IOException {
		Files.createDirectories(this.directory);
		String base = baseName(checkpoint);
		for (int attempt = 0;; attempt++) {
			Path file = this.directory.resolve(base + ((attempt == 0) ? "" : "-" + attempt) + ".txt");
			try {
				Files.writeString(file, checkpoint.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE, StandardOpenOption.SYNC);
				return file;
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt >= MAX_SUFFIX) {
					throw ex;
				}
			}
		}
	}

	/**
	 * The checkpoint with the highest sequence whose signature the key accepts and whose file is named for it, and
	 * how many newer-named files were passed over because they are unreadable, not signed by the key, or named for
	 * another checkpoint than the one they hold.
	 * @throws UncheckedIOException when the directory exists but cannot be listed
	 */
	Latest latest(CheckpointSigner key) {
		if (!Files.isDirectory(this.directory)) {
			return new Latest(null, 0);
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.directory)) {
			files = listing.filter(file -> {
				String name = file.getFileName().toString();
				return name.startsWith("checkpoint-") && name.endsWith(".txt");
			}).sorted(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the checkpoint directory " + this.directory + " cannot be read", ex);
		}
		int ignored = 0;
		for (Path file : files) {
			Checkpoint checkpoint = read(file);
			if (checkpoint != null && namedFor(file, checkpoint) && key.verifies(checkpoint)) {
				return new Latest(new Found(checkpoint, file), ignored);
			}
			ignored++;
		}
		return new Latest(null, ignored);
	}

	/** Whether the file has the name {@link #write} gives the checkpoint (a suffix if that name was taken). */
	private static boolean namedFor(Path file, Checkpoint checkpoint) {
		return file.getFileName().toString()
			.matches(Pattern.quote(baseName(checkpoint)) + "(-[1-" + MAX_SUFFIX + "])?\\.txt");
	}

	private static String baseName(Checkpoint checkpoint) {
		return String.format("checkpoint-%020d-%s", checkpoint.seq(), STAMP.format(checkpoint.time()));
	}

	private static @Nullable Checkpoint read(Path file) {
		try {
			return Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	/** A checkpoint and the file it was read from. */
	record Found(Checkpoint checkpoint, Path file) {

		CheckpointRef ref() {
			return new CheckpointRef(this.checkpoint.seq(), this.checkpoint.hash(), this.checkpoint.time(),
					this.file.toString());
		}

	}

	/** The newest valid checkpoint, if any, and the count of newer-named files that were not valid or not its. */
	record Latest(@Nullable Found found, int ignored) {
	}

}
