package io.zdash.instance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every statement names the owning account, so one account can never reach another's instance. */
@Repository
class InstanceRepository {

	private static final RowMapper<Instance> ROW = (rs, n) -> new Instance(rs.getString("id"), rs.getString("name"),
			rs.getString("token"), SqlTime.instant(rs, "created_at"));

	private final JdbcClient jdbc;

	InstanceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Instance> findAll(long accountId) {
		return this.jdbc.sql("select * from instance where account_id = ? order by created_at, id")
			.param(accountId)
			.query(ROW)
			.list();
	}

	Optional<Instance> find(long accountId, String id) {
		return this.jdbc.sql("select * from instance where account_id = ? and id = ?").params(accountId, id).query(ROW).optional();
	}

	int count(long accountId) {
		return this.jdbc.sql("select count(*) from instance where account_id = ?").param(accountId).query(Integer.class).single();
	}

	void insert(long accountId, Instance instance) {
		this.jdbc.sql("insert into instance (id, account_id, name, token, created_at) values (?, ?, ?, ?, ?)")
			.params(instance.id(), accountId, instance.name(), instance.token(), SqlTime.utc(instance.createdAt()))
			.update();
	}

	boolean rename(long accountId, String id, String name) {
		return this.jdbc.sql("update instance set name = ? where account_id = ? and id = ?")
			.params(name, accountId, id)
			.update() == 1;
	}

	boolean replaceToken(long accountId, String id, String token) {
		return this.jdbc.sql("update instance set token = ? where account_id = ? and id = ?")
			.params(token, accountId, id)
			.update() == 1;
	}

	boolean delete(long accountId, String id) {
		return this.jdbc.sql("delete from instance where account_id = ? and id = ?").params(accountId, id).update() == 1;
	}

}
