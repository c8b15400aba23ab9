package io.zdash.apitoken;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code access_token} table. Every statement but the bearer check names the owning account. */
@Repository
class AccessTokenRepository {

	/** A row for the bearer check: whose, what for, until when. */
	record Holder(long id, long accountId, Set<Scope> scopes, Instant expiresAt, Instant lastUsedAt) {
	}

	private static final RowMapper<AccessToken> TOKEN = (rs, n) -> new AccessToken(rs.getLong("id"), rs.getString("name"),
			rs.getString("last_four"), scopes(rs.getString("scopes")), SqlTime.instant(rs, "created_at"),
			SqlTime.instant(rs, "expires_at"), SqlTime.instant(rs, "last_used_at"), rs.getString("last_used_address"));

	private final JdbcClient jdbc;

	AccessTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long accountId, String name, String tokenHash, String lastFour, Set<Scope> scopes, Instant createdAt,
			Instant expiresAt) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into access_token (account_id, name, token_hash, last_four, scopes, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(accountId, name, tokenHash, lastFour, text(scopes), SqlTime.utc(createdAt), SqlTime.utc(expiresAt))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/** The bearer check: one read by the unique index of the hash. */
	Optional<Holder> findByHash(String tokenHash) {
		return this.jdbc.sql("select id, account_id, scopes, expires_at, last_used_at from access_token where token_hash = ?")
			.param(tokenHash)
			.query((rs, n) -> new Holder(rs.getLong("id"), rs.getLong("account_id"), scopes(rs.getString("scopes")),
					SqlTime.instant(rs, "expires_at"), SqlTime.instant(rs, "last_used_at")))
			.optional();
	}

	List<AccessToken> list(long accountId) {
		return this.jdbc.sql("select * from access_token where account_id = ? order by created_at desc, id desc")
			.param(accountId)
			.query(TOKEN)
			.list();
	}

	/** The account's tokens that still work at {@code now} (expired ones stay listed until revoked). */
	int countLive(long accountId, Instant now) {
		return this.jdbc.sql("select count(*) from access_token where account_id = ? and expires_at > ?")
			.params(accountId, SqlTime.utc(now))
			.query(Integer.class)
			.single();
	}

	boolean delete(long accountId, long id) {
		return this.jdbc.sql("delete from access_token where account_id = ? and id = ?").params(accountId, id).update() == 1;
	}

	int deleteAll(long accountId) {
		return this.jdbc.sql("delete from access_token where account_id = ?").param(accountId).update();
	}

	/**
	 * Notes a use, unless one was noted since {@code notedSince}: at most one write per token a
	 * minute, whatever the request rate. True when this call wrote it (on any node, exactly one does).
	 */
	boolean noteUse(long id, Instant now, String address, Instant notedSince) {
		return this.jdbc.sql("""
				update access_token set last_used_at = ?, last_used_address = ?
				where id = ? and (last_used_at is null or last_used_at < ?)""")
			.params(SqlTime.utc(now), address, id, SqlTime.utc(notedSince))
			.update() == 1;
	}

	private static String text(Set<Scope> scopes) {
		return scopes.stream().sorted().map(Scope::value).collect(Collectors.joining(" "));
	}

	private static Set<Scope> scopes(String text) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		Arrays.stream(text.split(" ")).map(Scope::of).flatMap(Optional::stream).forEach(scopes::add);
		return scopes;
	}

}
