package io.zdash.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This dashboard beside Keycloak on one machine, with the same load client (not a test): both
 * servers running, each driven in turn through its own browser flow ({@link ZdashFlow},
 * {@link KeycloakFlow}) after a warm-up level, then the table of BENCHMARKS.md with ratios.
 * scripts/bench-compare starts both and runs it.
 * Usage: Compare ourPort ourPids keycloakPort keycloakPid accounts seconds levels ourStartMs keycloakStartMs
 */
public final class Compare {

	public static void main(String[] args) throws Exception {
		int ourPort = Integer.parseInt(args[0]);
		ServerCpu ours = ServerCpu.of(args[1]);
		int kcPort = Integer.parseInt(args[2]);
		ServerCpu keycloak = ServerCpu.of(args[3]);
		int accounts = Integer.parseInt(args[4]);
		int seconds = Integer.parseInt(args[5]);
		int[] levels = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
		int top = Arrays.stream(levels).max().orElseThrow();

		SignInLoad.Bound bound = SignInLoad.Bound.measure();
		System.out.println(bound);
		Levels ourLevels = new Levels(new ZdashFlow(ourPort), ours);
		List<Levels.Account> ourAccounts = SignInLoad.enroll(ourPort, accounts, ourLevels);
		Map<Integer, Levels.Result> our = measure("this dashboard", ourLevels, ourAccounts, levels, seconds, bound);
		double ourRss = ours.residentMib();

		Levels kcLevels = new Levels(new KeycloakFlow(kcPort, KeycloakRealm.REALM, KeycloakRealm.CLIENT,
				KeycloakRealm.REDIRECT_URI), keycloak);
		List<Levels.Account> kcAccounts = KeycloakRealm.create(kcPort, "admin", "admin", accounts);
		Map<Integer, Levels.Result> kc = measure("Keycloak", kcLevels, kcAccounts, levels, seconds, bound);
		double kcRss = keycloak.residentMib();

		System.out.println();
		System.out.println("| | Keycloak | this dashboard | ratio (ours ÷ Keycloak) |");
		System.out.println("|---|---|---|---|");
		for (int level : levels) {
			row("complete 2FA sign-ins/s, " + level + " client" + (level == 1 ? "" : "s"), kc.get(level).perSecond(),
					our.get(level).perSecond(), "%.1f");
		}
		row("code step p99 at " + top + " clients, ms", kc.get(top).timings().quantile("post-code", 0.99),
				our.get(top).timings().quantile("post-code", 0.99), "%.1f");
		row("server CPU per sign-in at " + top + " clients, ms", kc.get(top).cpuPerFlowMs(), our.get(top).cpuPerFlowMs(),
				"%.1f");
		row("of which not the hash (measured after each level), ms", kc.get(top).notHashingMs(),
				our.get(top).notHashingMs(), "%.1f");
		row("resident memory after the load, MiB", kcRss, ourRss, "%.0f");
		if (args.length > 8) {
			row("start-up to the first 200 on the sign-in page, ms", Double.parseDouble(args[8]),
					Double.parseDouble(args[7]), "%.0f");
		}
		System.out.printf("%nsign-ins/s at %d clients ÷ the raw Argon2id rate at %d threads (%.1f): this dashboard %.2f, Keycloak %.2f%n",
				top, bound.cores(), bound.perCore(), our.get(top).perSecond() / bound.perCore(),
				kc.get(top).perSecond() / bound.perCore());
	}

	private static Map<Integer, Levels.Result> measure(String name, Levels runner, List<Levels.Account> accounts,
			int[] levels, int seconds, SignInLoad.Bound bound) throws Exception {
		System.out.printf("%n%s: %d accounts%n", name, accounts.size());
		Levels.Result warmUp = runner.run(accounts, Arrays.stream(levels).max().orElseThrow(), seconds);
		System.out.printf("warm-up at %d clients: %.1f flows/s, %d errors (not counted)%n", warmUp.clients(),
				warmUp.perSecond(), warmUp.errors());
		SignInLoad.printFailures(warmUp.failures());
		Map<Integer, Levels.Result> results = new LinkedHashMap<>();
		for (int level : levels) {
			Levels.Result result = runner.run(accounts, level, seconds);
			SignInLoad.print(result, bound, true);
			results.put(level, result);
		}
		return results;
	}

	private static void row(String what, double keycloak, double ours, String format) {
		System.out.printf("| %s | " + format + " | " + format + " | %.2f |%n", what, keycloak, ours, ours / keycloak);
	}

}
