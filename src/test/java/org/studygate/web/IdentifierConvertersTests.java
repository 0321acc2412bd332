package org.studygate.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierConvertersTests {

	private final IdentifierConverters converters = new IdentifierConverters();

	@Test
	void readsAnIdentifierOfTheAskedType() {
		UUID value = UUID.randomUUID();

		assertThat(converters.getConverter(StudyId.class).convert(value.toString())).isEqualTo(new StudyId(value));
		assertThat(converters.getConverter(UserId.class).convert(" " + value + " ")).isEqualTo(new UserId(value));
	}

	@Test
	void refusesMalformedText() {
		assertThatThrownBy(() -> converters.getConverter(StudyId.class).convert("../../etc/passwd"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> converters.getConverter(StudyId.class).convert(""))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void knowsWhichFailuresAreIdentifiers() {
		assertThat(IdentifierConverters.isIdentifier(StudyId.class)).isTrue();
		assertThat(IdentifierConverters.isIdentifier(String.class)).isFalse();
		assertThat(IdentifierConverters.isIdentifier(null)).isFalse();
	}

}
