package io.zdash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table: the SQL in the string literals of each class names only the tables that
 * class owns (one repository per table). Another class, and another feature, reads the data through
 * the owner's API, never by a query or a join of its own.
 */
class TableOwnershipTest {

	/** Every table the migrations leave, and the one repository whose SQL may name it. */
	static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("account", "account/AccountRepository.java"),
			Map.entry("known_device", "account/KnownDevices.java"),
			Map.entry("email_change", "account/EmailChangeRepository.java"),
			Map.entry("email_link", "account/EmailLinks.java"),
			Map.entry("attempt_gate", "signin/AttemptGate.java"),
			Map.entry("device_cookie", "account/DeviceCookies.java"),
			Map.entry("totp_enrollment", "twofactor/TotpCredentials.java"),
			Map.entry("totp_credential", "twofactor/TotpCredentials.java"),
			Map.entry("totp_app", "twofactor/TotpApps.java"),
			Map.entry("recovery_code", "recovery/RecoveryCodeRepository.java"),
			Map.entry("trusted_device", "trusteddevice/TrustedDeviceRepository.java"),
			Map.entry("lost_device_recovery", "lostdevice/LostDeviceRepository.java"),
			Map.entry("passkey", "passkey/PasskeyCredentials.java"), Map.entry("passkey_user", "passkey/PasskeyUsers.java"),
			Map.entry("passkey_ceremony", "passkey/PasskeyCeremonies.java"),
			Map.entry("instance", "instance/InstanceRepository.java"),
			Map.entry("access_token", "apitoken/AccessTokenRepository.java"),
			Map.entry("security_event", "audit/SecurityEvents.java"), Map.entry("app_setting", "admin/AdminSettings.java"),
			// Spring Session's own tables: only through its repository, never in our SQL.
			Map.entry("spring_session", "-"), Map.entry("spring_session_attributes", "-"));

	private static final Path SOURCES = Path.of("src/main/java/io/zdash");

	private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

	private static final Pattern TABLE_USE = Pattern.compile("\\b(?:from|into|update|join|table)\\s+(\\w+)",
			Pattern.CASE_INSENSITIVE);

	@Test
	void whenMigrationsCreateATableThenItHasOneOwner() throws IOException {
		Set<String> created = new TreeSet<>();
		Pattern change = Pattern.compile("(create|drop) table (?:if not exists )?(\\w+)", Pattern.CASE_INSENSITIVE);
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
			// In version order (V1__ … V9__ …): a table dropped later is no one's any more.
			for (Path file : files.filter(f -> f.toString().endsWith(".sql"))
				.sorted(java.util.Comparator.comparingInt(TableOwnershipTest::version))
				.toList()) {
				Matcher m = change.matcher(Files.readString(file));
				while (m.find()) {
					String table = m.group(2).toLowerCase();
					if ("create".equalsIgnoreCase(m.group(1))) {
						created.add(table);
					}
					else {
						created.remove(table);
					}
				}
			}
		}
		assertThat(OWNERS.keySet()).containsAll(created);
		assertThat(created).contains("attempt_gate").doesNotContain("password_throttle");
	}

	@Test
	void whenSqlNamesATableThenItIsInTheOwningRepository() throws IOException {
		Map<String, String> trespasses = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String owner = SOURCES.relativize(file).toString().replace('\\', '/');
				for (String table : tablesNamedIn(Files.readString(file))) {
					if (!owner.equals(OWNERS.get(table))) {
						trespasses.put(SOURCES.relativize(file) + " uses " + table, "owned by " + OWNERS.get(table));
					}
				}
			}
		}
		assertThat(trespasses).isEmpty();
	}

	@Test
	void whenAFeatureJoinsAnotherFeaturesTableThenItIsCaught() {
		String leak = """
				String sql = "select a.email from security_event e left join account a on a.id = e.account_id";""";
		assertThat(tablesNamedIn(leak)).containsExactlyInAnyOrder("security_event", "account");
	}

	private static int version(Path migration) {
		String name = migration.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}

	/** The known tables that SQL in the file's string literals reads or writes. */
	static Set<String> tablesNamedIn(String source) {
		Set<String> tables = new TreeSet<>();
		Matcher literal = STRING.matcher(source);
		while (literal.find()) {
			String text = (literal.group(1) != null) ? literal.group(1) : literal.group(2);
			Matcher use = TABLE_USE.matcher(text);
			while (use.find()) {
				String name = use.group(1).toLowerCase();
				if (OWNERS.containsKey(name)) {
					tables.add(name);
				}
			}
		}
		return tables;
	}

}
