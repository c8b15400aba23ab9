package io.zdash.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import io.zdash.TestClockConfig;
import io.zdash.ZdashApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database and the key live in a folder only their owner can read. */
class DataFolderTest {

	@Test
	void whenTheDataFolderIsWideOpenThenStartUpMakesItAndEveryFileOwnerOnly(@TempDir Path root) throws Exception {
		Path data = root.resolve("data");
		Files.createDirectories(data);
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path leftOver = Files.writeString(data.resolve("zdash.trace.db"), "from an earlier run");
		Files.setPosixFilePermissions(leftOver, PosixFilePermissions.fromString("rw-r--r--"));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class)
			.profiles("test")
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + data.resolve("zdash") + ";DB_CLOSE_ON_EXIT=FALSE",
					"--zdash.crypto.keyset-file=" + data.resolve("zdash-keyset.json"))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
			List<Path> files;
			try (Stream<Path> listed = Files.list(data)) {
				files = listed.toList();
			}
			assertThat(files).extracting(p -> p.getFileName().toString())
				.contains("zdash.mv.db", "zdash-keyset.json", "zdash.trace.db");
			for (Path file : files) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
					.isEqualTo("rw-------");
			}
		}
	}

}
