package org.studygate.study;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Maes^Anna|Maes, Anna", "Maes^Anna^Maria|Maes, Anna Maria",
			"Maes^Anna^^Dr|Maes, Anna", "Maes|Maes", "Maes^|Maes", "^Anna|Anna", "Van den Bossche^Jan|Van den Bossche, Jan" })
	void showsDicomNamesAsPeopleReadThem(String dicom, String shown) {
		assertThat(new PersonName(dicom).display()).isEqualTo(shown);
	}

}
