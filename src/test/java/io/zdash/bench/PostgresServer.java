package io.zdash.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the benchmarks (not a test): zonky's embedded binaries in a data directory
 * of the caller's, on a given port, until the process is killed. Prints the postmaster's pid (its
 * backends are its children: {@link ServerCpu} counts them) once it accepts connections.
 * PostgreSQL refuses to run as root: scripts/bench-postgres runs this in a user namespace then.
 * Usage: PostgresServer port data-directory
 */
public final class PostgresServer {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path data = Path.of(args[1]);
		EmbeddedPostgres server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
			.setCleanDataDirectory(true).setServerConfig("max_connections", "100").start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (Exception ex) {
				// stopping anyway
			}
		}));
		String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
		System.out.println("postgres pid " + pid + " " + server.getJdbcUrl("postgres", "postgres"));
		System.out.flush();
		Thread.currentThread().join();
	}

}
