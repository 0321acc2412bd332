package org.studygate.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticImagesTests {

	@Test
	void ctSliceHoldsAirLungSoftTissueAndBoneInStoredHounsfieldUnits() {
		int[] slice = SyntheticImages.ctSlice(128, 0.5, new Random(1));
		int offset = SyntheticImages.CT_OFFSET;
		assertThat(slice[0] - offset).isBetween(-1000, -950);
		int leftLung = 64 * 128 + 40;
		assertThat(slice[leftLung] - offset).isBetween(-900, -750);
		int max = Arrays.stream(slice).max().orElseThrow() - offset;
		assertThat(max).isGreaterThan(600);
		assertThat(Arrays.stream(slice).min().orElseThrow()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void pngKeepsSixteenBitValues() throws Exception {
		int[] values = SyntheticImages.ctSlice(64, 0.3, new Random(2));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(SyntheticImages.png(values, 64, 64, false)));
		assertThat(image.getColorModel().getPixelSize()).isEqualTo(16);
		int[] read = image.getRaster().getPixels(0, 0, 64, 64, (int[]) null);
		assertThat(read).isEqualTo(values);
	}

	@Test
	void sameStudyGivesSameImagesAndUidsUnderTheStudy() {
		DemoSeries series = DemoSeries.of("MR", "MR knee", 40).get(1);
		assertThat(series.pixels("1.2.3", 4)).isEqualTo(series.pixels("1.2.3", 4));
		assertThat(series.pixels("1.2.3", 4)).isNotEqualTo(series.pixels("1.2.3", 5));
		assertThat(series.tags("1.2.3", 4)).containsEntry("SOPInstanceUID", "1.2.3.2.4")
			.containsEntry("SeriesInstanceUID", "1.2.3.2")
			.containsEntry("Modality", "MR");
		assertThat(DemoSeries.lastInstanceUid("1.2.3", DemoSeries.of("MR", "MR knee", 40))).isEqualTo("1.2.3.3.10");
		assertThat(DemoSeries.of("CR", "Chest X-ray PA and lateral", 40)).hasSize(2);
		assertThat(DemoSeries.of("CT", "CT brain", 40).get(0).images()).isEqualTo(40);
	}

}
