package io.zdash.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import io.zdash.HttpJourney;
import io.zdash.TestClockConfig;
import io.zdash.WebJourney;
import io.zdash.ZdashApplication;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database and the key live in a folder only their owner can read, and the database
 * file alone holds no instance token and no session's secret.
 */
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


	@Test
	void whenTheRawDatabaseFileIsReadThenItHoldsNoInstanceTokenAndNoSessionSecret(@TempDir Path root) throws Exception {
		Path data = root.resolve("data");
		String token;
		String sessionSecret;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class)
			.profiles("test")
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + data.resolve("zdash") + ";DB_CLOSE_ON_EXIT=FALSE",
					"--zdash.crypto.keyset-file=" + data.resolve("zdash-keyset.json"))) {
			HttpJourney owner = new HttpJourney(((WebServerApplicationContext) app).getWebServer().getPort());
			String email = WebJourney.uniqueEmail();
			owner.signUp(email);
			owner.signIn(email);
			owner.submit("/", "/instances", "name", "Stolen?");
			String id = Jsoup.parse(owner.get("/").body()).select("code.instance-id").text();
			owner.submit("/", "/instances/" + id + "/token");
			token = Jsoup.parse(owner.get("/").body()).select("button[data-copy]").attr("data-copy");
			sessionSecret = new String(java.util.Base64.getDecoder().decode(owner.sessionId()), StandardCharsets.US_ASCII);
		}
		assertThat(token).matches("[0-9A-F]{48}");
		String raw = new String(Files.readAllBytes(data.resolve("zdash.mv.db")), StandardCharsets.ISO_8859_1);
		assertThat(raw).contains("Stolen?").doesNotContain(token).doesNotContain(token.substring(24)).doesNotContain(sessionSecret);
	}

}
