package io.zdash.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The same sign-in load against nodes sharing one PostgreSQL (not a test): after a warm-up level,
 * per level the sign-ins/s, the CPU per sign-in of the nodes and of the database, and the
 * database's share of the CPU. scripts/bench-postgres starts PostgreSQL and the nodes and runs it.
 * Usage: PostgresLoad node-ports node-pids postgres-pid accounts seconds levels (lists comma-separated)
 */
public final class PostgresLoad {

	public static void main(String[] args) throws Exception {
		int[] ports = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
		ServerCpu nodes = ServerCpu.of(args[1]);
		ServerCpu database = ServerCpu.of(args[2]);
		int accounts = Integer.parseInt(args[3]);
		int seconds = Integer.parseInt(args[4]);
		int[] levels = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
		SignInLoad.Bound bound = SignInLoad.Bound.measure();
		System.out.println(bound);
		Levels runner = new Levels(new ZdashFlow(ports), nodes);
		List<Levels.Account> enrolled = SignInLoad.enroll(ports[0], accounts, runner);
		System.out.printf("%d node(s) on PostgreSQL, %d accounts%n", ports.length, enrolled.size());
		runner.run(enrolled, Arrays.stream(levels).max().orElseThrow(), seconds);
		for (int level : levels) {
			double dbBefore = database.seconds();
			Levels.Result result = runner.run(enrolled, level, seconds);
			double db = database.seconds() - dbBefore;
			SignInLoad.print(result, bound, true);
			System.out.printf("   PostgreSQL CPU per sign-in %.1f ms; its share of the servers' CPU %.0f %%%n",
					1000 * db / Math.max(1, result.flows()), 100 * db / (db + result.cpuSeconds()));
		}
	}

}
