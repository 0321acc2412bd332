package org.studygate.archive;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The window presets read from an image's DICOM JSON and the rendered image's window
 * parameter as the gateway checks and rewrites it.
 */
class WindowPresetsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsThePresetsPairedByPositionWithTheirExplanationsAndLeavesOutWhatIsNotANumber() {
		var instance = json.readTree("""
				{"00281050": {"vr": "DS", "Value": [40, -600, "4e2", 50]},
				 "00281051": {"vr": "DS", "Value": [400, 1500, 1800]},
				 "00281055": {"vr": "LO", "Value": ["SOFT TISSUE", "LUNG"]}}
				""");
		assertThat(WindowPresets.of(instance)).containsExactly(new StudyImages.Preset("SOFT TISSUE", "40", "400"),
				new StudyImages.Preset("LUNG", "-600", "1500"));
		assertThat(WindowPresets.of(json.readTree("{}"))).isEmpty();
	}

	@Test
	void rewritesAGoodWindowAndKeepsTheOtherParameters() {
		assertThat(WindowPresets.checked("window=-600,1500")).isEqualTo("window=-600,1500,linear");
		assertThat(WindowPresets.checked("viewport=64,64&window=40.50%2C400,sigmoid"))
			.isEqualTo("viewport=64,64&window=40.5,400,sigmoid");
		assertThat(WindowPresets.checked("viewport=64,64")).isEqualTo("viewport=64,64");
		assertThat(WindowPresets.checked(null)).isNull();
	}

	@Test
	void refusesAWindowThatIsNotTwoNumbersWithinBoundsAndAKnownFunction() {
		for (String bad : new String[] { "window=", "window", "window=abc,400", "window=40", "window=40,0",
				"window=40,-5", "window=40,400,cubic", "window=100001,400", "window=40,400000",
				"window=40,400&WINDOW=1,2", "window=40,400%27", "window=1e3,400" }) {
			assertThatExceptionOfType(BadWindowException.class).as(bad).isThrownBy(() -> WindowPresets.checked(bad));
		}
	}

}
