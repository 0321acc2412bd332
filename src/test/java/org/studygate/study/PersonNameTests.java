package org.studygate.study;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Maes^Anna|Maes, Anna", "Maes^Anna^Maria|Maes, Anna Maria", "Maes^Anna^^Dr|Maes, Anna",
					"Maes|Maes", "Maes^|Maes", "^Anna|Anna", "Van den Bossche^Jan|Van den Bossche, Jan" })
	void showsDicomNamesAsPeopleReadThem(String dicom, String shown) {
		assertThat(new PersonName(dicom).display()).isEqualTo(shown);
	}

	@org.junit.jupiter.api.Test
	void initialsPutGivenNamesFirstAndKeepNothingElse() {
		assertThat(new PersonName("Peeters^Ann").initials()).isEqualTo("A.P.");
		assertThat(new PersonName("Van den Broeck^Jean-Luc").initials()).isEqualTo("J.L.V.D.B.");
		assertThat(new PersonName("Madonna").initials()).isEqualTo("M.");
		assertThat(new PersonName("").initials()).isEmpty();
	}

}
