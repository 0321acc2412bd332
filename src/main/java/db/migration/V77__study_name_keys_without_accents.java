package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Rewrites the name search keys of the patients registered before keys lost their accents
 * (docs/decisions/048-character-sets-and-accent-insensitive-search.md): only names with
 * characters outside printable ASCII or with component groups change, so the rest is not
 * touched. The key is computed here, frozen as it was when this migration was written,
 * because PostgreSQL's own lower() depends on the server's locale.
 */
public class V77__study_name_keys_without_accents extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement(
				"select id, name from study.patient where name is not null and (name ~ '[^ -~]' or name like '%=%')");
				PreparedStatement patient = connection
					.prepareStatement("update study.patient set ideographic_key = ?, phonetic_key = ? where id = ?");
				PreparedStatement studies = connection.prepareStatement(
						"update study.study set patient_name_key = ? where patient_id = ? and patient_name_key <> ?");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				UUID id = rows.getObject(1, UUID.class);
				String[] groups = rows.getString(2).split("=", -1);
				patient.setString(1, groups.length > 1 && !groups[1].isBlank() ? key(groups[1]) : null);
				patient.setString(2, groups.length > 2 && !groups[2].isBlank() ? key(groups[2]) : null);
				patient.setObject(3, id);
				patient.executeUpdate();
				String key = key(rows.getString(2));
				studies.setString(1, key);
				studies.setObject(2, id);
				studies.setString(3, key);
				studies.executeUpdate();
			}
		}
	}

	private static String key(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "");
		return Normalizer.normalize(decomposed, Normalizer.Form.NFC)
			.replace("ß", "ss")
			.replace("æ", "ae")
			.replace("Æ", "ae")
			.replace("œ", "oe")
			.replace("Œ", "oe")
			.replace("ø", "o")
			.replace("Ø", "o")
			.replace("ł", "l")
			.replace("Ł", "l")
			.replace("đ", "d")
			.replace("Đ", "d")
			.replace("ı", "i")
			.toLowerCase(Locale.ROOT);
	}

}
