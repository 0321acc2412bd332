package org.studygate.demo;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Plausible pixel data drawn from simple phantoms, so that the demo shows images without
 * downloading any: CT slices of a trunk in Hounsfield units stored as 16-bit values
 * (rescale intercept -1024), MR slices of a knee, a projection radiograph of a chest and
 * an 8-bit picture for the other modalities. Each image comes as a PNG, which the archive
 * turns into DICOM pixel data (docs/decisions/054-demo-images-in-a-local-orthanc.md).
 */
final class SyntheticImages {

	/** Stored value = HU - this intercept; the CT's rescale intercept is its negative. */
	static final int CT_OFFSET = 1024;

	private SyntheticImages() {
	}

	/**
	 * An axial CT slice of a trunk: air, fat, soft tissue, two lungs, a vertebra with its
	 * body and the ribs; {@code position} runs from 0 (lowest) to 1 (highest slice).
	 */
	static int[] ctSlice(int size, double position, Random noise) {
		int[] hu = new int[size * size];
		double lungs = Math.max(0, Math.sin(Math.PI * Math.min(1, position * 1.3)));
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double u = (x - size / 2.0) / (size / 2.0);
				double v = (y - size / 2.0) / (size / 2.0);
				int value = -1000;
				if (inEllipse(u, v, 0.88, 0.62)) {
					value = -100;
				}
				if (inEllipse(u, v, 0.80, 0.54)) {
					value = 40;
				}
				if (lungs > 0.05 && (inEllipse(u - 0.38, v + 0.02, 0.30 * lungs, 0.40 * lungs)
						|| inEllipse(u + 0.38, v + 0.02, 0.30 * lungs, 0.40 * lungs))) {
					value = -820;
				}
				if (inEllipse(u, v - 0.38, 0.11, 0.10) || inEllipse(u, v - 0.52, 0.04, 0.07)) {
					value = 700;
				}
				if (inRing(u, v, 0.78, 0.52, 0.03) && Math.abs(v) < 0.45) {
					value = 500;
				}
				hu[y * size + x] = value + (int) (noise.nextGaussian() * 12);
			}
		}
		for (int i = 0; i < hu.length; i++) {
			hu[i] = Math.max(0, Math.min(4095, hu[i] + CT_OFFSET));
		}
		return hu;
	}

	/**
	 * A sagittal or coronal MR slice of a knee in arbitrary signal units up to about
	 * 1000: femur and tibia with their marrow, cartilage, fluid and soft tissue.
	 */
	static int[] mrSlice(int size, double position, boolean fluidBright, Random noise) {
		int[] signal = new int[size * size];
		double width = 0.55 + 0.25 * Math.sin(Math.PI * position);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double u = (x - size / 2.0) / (size / 2.0);
				double v = (y - size / 2.0) / (size / 2.0);
				int value = 0;
				if (Math.abs(u) < width && Math.abs(v) < 0.95) {
					value = 280;
				}
				boolean femur = inEllipse(u, v + 0.45, 0.32 * width / 0.8, 0.55);
				boolean tibia = inEllipse(u, v - 0.50, 0.30 * width / 0.8, 0.45);
				if (femur || tibia) {
					value = fluidBright ? 180 : 620;
				}
				if (inEllipse(u, v + 0.45, 0.26 * width / 0.8, 0.49)
						|| inEllipse(u, v - 0.50, 0.24 * width / 0.8, 0.39)) {
					value = fluidBright ? 140 : 760;
				}
				if (Math.abs(v - 0.02) < 0.025 && Math.abs(u) < 0.28 * width / 0.8) {
					value = fluidBright ? 900 : 350;
				}
				signal[y * size + x] = Math.max(0, value + (int) (noise.nextGaussian() * 15));
			}
		}
		return signal;
	}

	/**
	 * A posteroanterior chest radiograph in 12-bit values, brighter where the X-rays are
	 * absorbed (MONOCHROME2).
	 */
	static int[] radiograph(int width, int height, Random noise) {
		int[] values = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double u = (x - width / 2.0) / (width / 2.0);
				double v = (y - height / 2.0) / (height / 2.0);
				double absorption = 0.1;
				if (inEllipse(u, v, 0.85, 1.1)) {
					absorption = 0.55;
				}
				if (inEllipse(u - 0.38, v + 0.05, 0.30, 0.62) || inEllipse(u + 0.38, v + 0.05, 0.30, 0.62)) {
					absorption = 0.25;
				}
				if (inEllipse(u + 0.12, v - 0.25, 0.25, 0.28)) {
					absorption = 0.6;
				}
				if (Math.abs(u) < 0.06) {
					absorption = 0.8;
				}
				for (int rib = 0; rib < 8; rib++) {
					double ribV = -0.55 + rib * 0.14 + 0.15 * u * u;
					if (Math.abs(v - ribV) < 0.025 && Math.abs(u) > 0.08 && Math.abs(u) < 0.75) {
						absorption += 0.15;
					}
				}
				values[y * width + x] = Math.max(0,
						Math.min(4095, (int) (absorption * 3600 + noise.nextGaussian() * 30)));
			}
		}
		return values;
	}

	/**
	 * An 8-bit picture for modalities without a phantom of their own (ultrasound, nuclear
	 * medicine, mammography): a bright organ in speckle.
	 */
	static int[] picture(int size, Random noise) {
		int[] values = new int[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double u = (x - size / 2.0) / (size / 2.0);
				double v = (y - size / 2.0) / (size / 2.0);
				double base = inEllipse(u, v, 0.6, 0.45) ? 150 : (u * u + v * v < 0.9 ? 60 : 0);
				values[y * size + x] = (int) Math.max(0, Math.min(255, base + noise.nextGaussian() * 20));
			}
		}
		return values;
	}

	/** A grayscale PNG of the values: 16 bits per pixel, or 8 when {@code eightBit}. */
	static byte[] png(int[] values, int width, int height, boolean eightBit) {
		BufferedImage image = new BufferedImage(width, height,
				eightBit ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
		WritableRaster raster = image.getRaster();
		raster.setPixels(0, 0, width, height, values);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static boolean inEllipse(double u, double v, double a, double b) {
		return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
	}

	private static boolean inRing(double u, double v, double a, double b, double thickness) {
		double r = Math.sqrt((u * u) / (a * a) + (v * v) / (b * b));
		return Math.abs(r - 1) < thickness;
	}

}
