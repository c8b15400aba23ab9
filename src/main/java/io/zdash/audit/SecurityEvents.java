package io.zdash.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zdash.support.SqlTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The {@code security_event} table's one owner: writing a row (for {@link SecurityLog}), reading
 * the log newest first, and pruning what is older than its retention.
 */
@Service
public class SecurityEvents {

	public static final int PAGE_SIZE = 20;

	private static final int MAX_USER_AGENT = 300;

	private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

	/** One row of the log as pages show it; the account by its id (its email is the account feature's). */
	public record Entry(Instant occurredAt, String type, String detail, String clientAddress, String userAgent,
			Long accountId) {
	}

	/** A page of entries and whether an older page exists. */
	public record Page(List<Entry> entries, int number, boolean hasOlder) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	SecurityEvents(JdbcClient jdbc, Clock clock, @Value("${zdash.audit.retention:90d}") Duration retention) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	/** One row, in the caller's transaction; the user agent cut to what the column holds. */
	void insert(SecurityEvent event, Instant at) {
		String agent = event.origin().userAgent();
		this.jdbc.sql("""
				insert into security_event (occurred_at, account_id, type, detail, client_address, user_agent)
				values (?, ?, ?, ?, ?, ?)""")
			.params(SqlTime.utc(at), event.accountId(), event.type().name(), event.detail(), event.origin().address(),
					(agent == null || agent.length() <= MAX_USER_AGENT) ? agent : agent.substring(0, MAX_USER_AGENT))
			.update();
	}

	/** The account's newest event of this type since {@code since}, if any. */
	public java.util.Optional<Entry> latest(long accountId, SecurityEvent.Type type, Instant since) {
		return this.jdbc.sql("""
				select occurred_at, type, detail, client_address, user_agent, account_id from security_event
				where account_id = ? and type = ? and occurred_at >= ? order by occurred_at desc, id desc fetch first 1 rows only""")
			.params(accountId, type.name(), SqlTime.utc(since))
			.query((rs, n) -> new Entry(SqlTime.instant(rs, "occurred_at"), rs.getString("type"), rs.getString("detail"),
					rs.getString("client_address"), rs.getString("user_agent"), (Long) rs.getObject("account_id", Long.class)))
			.optional();
	}

	/** How many events of this type the account had since {@code since}. */
	public long count(long accountId, SecurityEvent.Type type, Instant since) {
		return this.jdbc.sql("select count(*) from security_event where account_id = ? and type = ? and occurred_at >= ?")
			.params(accountId, type.name(), SqlTime.utc(since))
			.query(Long.class)
			.single();
	}

	public Page forAccount(long accountId, int page) {
		return query(" where account_id = ?", new ArrayList<>(List.of(accountId)), page);
	}

	/** Every account's events for administrators, narrowed by any of the filters (null: not used). */
	public Page search(Long accountId, String type, Instant from, Instant to, int page) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (accountId != null) {
			where.append(" and account_id = ?");
			params.add(accountId);
		}
		if (type != null) {
			where.append(" and type = ?");
			params.add(type);
		}
		if (from != null) {
			where.append(" and occurred_at >= ?");
			params.add(SqlTime.utc(from));
		}
		if (to != null) {
			where.append(" and occurred_at < ?");
			params.add(SqlTime.utc(to));
		}
		return query(where.toString(), params, page);
	}

	/** One page, newest first; one row more than a page is read to know whether an older page exists. */
	private Page query(String where, List<Object> params, int page) {
		int number = Math.max(0, Math.min(page, 10_000));
		params.add(number * PAGE_SIZE);
		params.add(PAGE_SIZE + 1);
		List<Entry> rows = this.jdbc.sql("""
				select occurred_at, type, detail, client_address, user_agent, account_id
				from security_event""" + where + " order by occurred_at desc, id desc offset ? rows fetch next ? rows only")
			.params(params)
			.query((rs, n) -> new Entry(SqlTime.instant(rs, "occurred_at"), rs.getString("type"), rs.getString("detail"),
					rs.getString("client_address"), rs.getString("user_agent"), (Long) rs.getObject("account_id", Long.class)))
			.list();
		boolean hasOlder = rows.size() > PAGE_SIZE;
		return new Page(hasOlder ? rows.subList(0, PAGE_SIZE) : rows, number, hasOlder);
	}

	/** Daily: the log keeps {@code zdash.audit.retention} (90 days by default). */
	@Scheduled(cron = "${zdash.audit.prune-cron:0 17 3 * * *}")
	public int prune() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		int removed = this.jdbc.sql("delete from security_event where occurred_at < ?").param(SqlTime.utc(cutoff)).update();
		if (removed > 0) {
			log.info("Pruned {} security events older than {}", removed, this.retention);
		}
		return removed;
	}

}
