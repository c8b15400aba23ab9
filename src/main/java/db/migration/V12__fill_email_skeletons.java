package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zdash.account.EmailAddress;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Computes the look-alike skeleton of every existing account's email (see V11). */
public class V12__fill_email_skeletons extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		Map<Long, String> emails = new LinkedHashMap<>();
		try (PreparedStatement select = connection.prepareStatement("select id, email from account");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				emails.put(rows.getLong(1), rows.getString(2));
			}
		}
		try (PreparedStatement update = connection.prepareStatement("update account set email_skeleton = ? where id = ?")) {
			for (Map.Entry<Long, String> account : emails.entrySet()) {
				update.setString(1, EmailAddress.skeleton(account.getValue()));
				update.setLong(2, account.getKey());
				update.addBatch();
			}
			update.executeBatch();
		}
	}

}
