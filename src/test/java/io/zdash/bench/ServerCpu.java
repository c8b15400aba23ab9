package io.zdash.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by a server's processes, from {@code /proc}: each given process with its
 * live children (PostgreSQL's backends are children of its postmaster; a JVM is one process), and
 * the children it has reaped (a backend or autovacuum worker that exited during a level).
 */
final class ServerCpu {

	/** Linux's USER_HZ: the unit of the times in /proc/PID/stat. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final List<Long> pids;

	ServerCpu(List<Long> pids) {
		this.pids = List.copyOf(pids);
	}

	static ServerCpu of(String commaSeparatedPids) {
		return new ServerCpu(Stream.of(commaSeparatedPids.split(",")).filter(p -> !p.isBlank()).map(Long::parseLong)
			.toList());
	}

	boolean isEmpty() {
		return this.pids.isEmpty();
	}

	/** 0 when no process is given. */
	double seconds() {
		if (this.pids.isEmpty()) {
			return 0;
		}
		long ticks = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				long[] stat = stat(process);
				if (stat != null && this.pids.contains(stat[0])) {
					ticks += stat[2] + stat[3];
				}
				else if (stat != null && this.pids.contains(stat[1])) {
					ticks += stat[2];
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read /proc", ex);
		}
		return ticks / TICKS_PER_SECOND;
	}

	/** pid, parent pid, its user + system ticks, its reaped children's; null for a process just gone. */
	private static long[] stat(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			// The command name (field 2) is in parentheses and may hold spaces: count after it.
			String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long pid = Long.parseLong(process.getFileName().toString());
			return new long[] { pid, Long.parseLong(after[1]), Long.parseLong(after[11]) + Long.parseLong(after[12]),
					Long.parseLong(after[13]) + Long.parseLong(after[14]) };
		}
		catch (IOException | RuntimeException gone) {
			return null;
		}
	}

	/** Resident memory of the first process, MiB. */
	double residentMib() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", this.pids.get(0).toString(), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		throw new IllegalStateException("No VmRSS for " + this.pids.get(0));
	}

}
