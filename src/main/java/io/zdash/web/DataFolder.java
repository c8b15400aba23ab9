package io.zdash.web;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * The embedded database's folder and the key file's folder are the owner's alone: folders 0700,
 * files 0600 — made so at start-up before the database opens, also when they already exist with
 * wider rights (logged), and again once started, for the files the start created.
 */
final class DataFolder {

	private static final Logger log = LoggerFactory.getLogger(DataFolder.class);

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	/** Spring Boot's property, spelled in parts so that it is not read as a message key. */
	private static final String DATASOURCE_URL = String.join(".", "spring", "datasource", "url");

	private final Set<Path> folders;

	DataFolder(Environment environment) {
		this.folders = new LinkedHashSet<>();
		String url = environment.getProperty(DATASOURCE_URL, "");
		if (url.startsWith("jdbc:h2:file:")) {
			String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
			parent(Path.of(file));
		}
		parent(Path.of(environment.getProperty("zdash.crypto.keyset-file", "data/zdash-keyset.json")));
	}

	private void parent(Path file) {
		Path folder = file.toAbsolutePath().normalize().getParent();
		if (folder != null) {
			this.folders.add(folder);
		}
	}

	/** Creates the folders owner-only if missing and narrows what is in them. */
	void restrict() {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		for (Path folder : this.folders) {
			try {
				Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
				narrow(folder, FOLDER);
				try (Stream<Path> files = Files.list(folder)) {
					for (Path file : files.filter(Files::isRegularFile).toList()) {
						narrow(file, FILE);
					}
				}
			}
			catch (IOException ex) {
				log.warn("Could not restrict {} to its owner: {}", folder, ex.toString());
			}
		}
	}

	private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
		Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
		if (!current.equals(wanted)) {
			Files.setPosixFilePermissions(path, wanted);
			log.warn("Restricted {} to its owner (was {})", path, PosixFilePermissions.toString(current));
		}
	}

}
