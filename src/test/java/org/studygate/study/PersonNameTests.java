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
	void showsTheAlphabeticGroupAndOffersTheIdeographicAndPhoneticOnes() {
		PersonName name = new PersonName("Yamada^Tarou=山田^太郎=やまだ^たろう");
		assertThat(name.display()).isEqualTo("Yamada, Tarou");
		assertThat(name.otherGroups()).containsExactly("山田, 太郎", "やまだ, たろう");
		assertThat(name.initials()).isEqualTo("T.Y.");
		assertThat(new PersonName("=山田^太郎").display()).isEqualTo("山田, 太郎");
		assertThat(new PersonName("Wang^XiaoDong=王^小东=").otherGroups()).containsExactly("王, 小东");
		assertThat(new PersonName("Maes^Anna").otherGroups()).isEmpty();
		assertThat(new PersonName(null).display()).isNull();
	}

	@org.junit.jupiter.api.Test
	void searchKeysLoseCaseAndAccentsSoThatEveryLanguageFindsTheSameName() {
		assertThat(SearchKey.of("Müller^Hans")).isEqualTo("muller^hans");
		assertThat(SearchKey.of("Jérôme")).isEqualTo(SearchKey.of("JEROME"));
		assertThat(SearchKey.of("Straße^Łukasz")).isEqualTo("strasse^lukasz");
		assertThat(SearchKey.of("Διονυσίου")).isEqualTo("διονυσιου");
		assertThat(SearchKey.of("Çağlar")).isEqualTo("caglar");
		assertThat(SearchKey.of("홍^길동")).isEqualTo("홍^길동");
		assertThat(SearchKey.of(null)).isEmpty();
		assertThat(SearchKey.ofGroup("Yamada^Tarou=山田^太郎=やまだ^たろう", 1)).isEqualTo("山田^太郎");
		assertThat(SearchKey.ofGroup("Wang^XiaoDong=王^小东=", 2)).isNull();
		assertThat(SearchKey.ofGroup("Maes^Anna", 1)).isNull();
	}

	@org.junit.jupiter.api.Test
	void initialsPutGivenNamesFirstAndKeepNothingElse() {
		assertThat(new PersonName("Peeters^Ann").initials()).isEqualTo("A.P.");
		assertThat(new PersonName("Van den Broeck^Jean-Luc").initials()).isEqualTo("J.L.V.D.B.");
		assertThat(new PersonName("Madonna").initials()).isEqualTo("M.");
		assertThat(new PersonName("").initials()).isEmpty();
	}

}
