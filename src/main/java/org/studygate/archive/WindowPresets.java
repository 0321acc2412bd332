package org.studygate.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The window presets of an image (Window Center, Window Width and their explanation) and
 * the {@code window} parameter of a rendered image, which the gateway checks and writes
 * anew before the archive sees it: two numbers within bounds and a known function, else
 * the request is refused (docs/guide/viewer.md).
 */
final class WindowPresets {

	/** Largest window center or width accepted, in either direction. */
	static final double LIMIT = 100_000;

	private static final Pattern WINDOW = Pattern.compile(
			"^(-?[0-9]{1,6}(?:\\.[0-9]{1,6})?),([0-9]{1,6}(?:\\.[0-9]{1,6})?)(?:,(linear|linear-exact|sigmoid))?$");

	private static final Pattern NUMBER = Pattern.compile("^-?[0-9]{1,6}(\\.[0-9]{1,6})?$");

	private WindowPresets() {
	}

	/**
	 * The presets of one instance's DICOM JSON (tags 0028,1050 / 0028,1051 / 0028,1055),
	 * paired by position; values that are not plain numbers within bounds are left out.
	 */
	static List<StudyImages.Preset> of(JsonNode instance) {
		JsonNode centers = instance.path("00281050").path("Value");
		JsonNode widths = instance.path("00281051").path("Value");
		JsonNode names = instance.path("00281055").path("Value");
		List<StudyImages.Preset> presets = new ArrayList<>();
		for (int i = 0; i < Math.min(centers.size(), widths.size()) && presets.size() < 10; i++) {
			String center = centers.path(i).asString("").strip();
			String width = widths.path(i).asString("").strip();
			if (valid(center, width)) {
				String name = names.path(i).asString("").strip();
				presets.add(new StudyImages.Preset(name.length() > 64 ? name.substring(0, 64) : name, center, width));
			}
		}
		return presets;
	}

	private static boolean valid(String center, String width) {
		if (!NUMBER.matcher(center).matches() || !NUMBER.matcher(width).matches()) {
			return false;
		}
		double c = Double.parseDouble(center);
		double w = Double.parseDouble(width);
		return Math.abs(c) <= LIMIT && w >= 1 && w <= LIMIT;
	}

	/**
	 * A rendered image's query with its {@code window} parameter checked and written anew
	 * ({@code center,width,function}); other parameters are kept as they are.
	 * @throws BadWindowException when the window is not two numbers within bounds and a
	 * known function, or is given more than once
	 */
	static String checked(String query) {
		if (query == null || query.isBlank()) {
			return query;
		}
		List<String> parts = new ArrayList<>();
		boolean seen = false;
		for (String part : query.split("&")) {
			String key = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
			if (!key.toLowerCase(Locale.ROOT).equals("window")) {
				parts.add(part);
				continue;
			}
			if (seen) {
				throw new BadWindowException();
			}
			seen = true;
			parts.add("window=" + window(part.substring(key.length()).replaceFirst("^=", "")));
		}
		return String.join("&", parts);
	}

	private static String window(String encoded) {
		String value = encoded.replace("%2C", ",").replace("%2c", ",");
		Matcher matcher = WINDOW.matcher(value);
		if (!matcher.matches() || !valid(matcher.group(1), matcher.group(2))) {
			throw new BadWindowException();
		}
		String function = matcher.group(3) == null ? "linear" : matcher.group(3);
		return number(matcher.group(1)) + "," + number(matcher.group(2)) + "," + function;
	}

	private static String number(String value) {
		return new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
	}

}
