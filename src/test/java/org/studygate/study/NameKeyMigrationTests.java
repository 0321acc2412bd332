package org.studygate.study;

import java.sql.Connection;
import java.time.LocalDate;

import javax.sql.DataSource;

import db.migration.V77__study_name_keys_without_accents;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that rewrites the name keys written before they lost their accents gives
 * the keys that registration writes now.
 */
@StudygateTest
class NameKeyMigrationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void rewritesAnOldKeyWithAccentsAndAddsTheOtherGroupsKeys() throws Exception {
		Department department = fixtures.department("Old keys");
		StudyId id = fixtures.study(department, "Müller^Jürgen=米勒^=", LocalDate.of(2024, 2, 2), null);
		String written = key(id);
		jdbc.sql("update study.study set patient_name_key = 'müller^jürgen=米勒^=' where id = :id")
			.param("id", id.value())
			.update();
		jdbc.sql(
				"""
						update study.patient set ideographic_key = null where id = (select patient_id from study.study where id = :id)
						""")
			.param("id", id.value())
			.update();

		try (Connection connection = dataSource.getConnection()) {
			new V77__study_name_keys_without_accents().migrate(new Context() {
				@Override
				public Configuration getConfiguration() {
					return null;
				}

				@Override
				public Connection getConnection() {
					return connection;
				}
			});
		}

		assertThat(key(id)).isEqualTo(written).startsWith("muller^jurgen");
		assertThat(jdbc.sql("""
				select p.ideographic_key from study.study s join study.patient p on p.id = s.patient_id where s.id = :id
				""").param("id", id.value()).query(String.class).single()).isEqualTo("米勒^");
	}

	private String key(StudyId id) {
		return jdbc.sql("select patient_name_key from study.study where id = :id")
			.param("id", id.value())
			.query(String.class)
			.single();
	}

}
