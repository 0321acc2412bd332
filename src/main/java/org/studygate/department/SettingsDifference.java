package org.studygate.department;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields in which two settings differ, each as {@code "old → new"} under its dotted
 * path (e.g. {@code breakGlass.durationHours}), for the administration log. A field whose
 * name says it holds a secret is named, never shown.
 */
final class SettingsDifference {

	private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|pincode|privatekey)$");

	private SettingsDifference() {
	}

	static Map<String, String> between(JsonMapper json, Object before, Object after) {
		Map<String, String> old = flatten(json.valueToTree(before));
		Map<String, String> now = flatten(json.valueToTree(after));
		Map<String, String> changes = new TreeMap<>();
		TreeMap<String, String> keys = new TreeMap<>(old);
		keys.putAll(now);
		for (String key : keys.keySet()) {
			String was = old.get(key);
			String is = now.get(key);
			if (!Objects.equals(was, is)) {
				changes.put(key, SECRET.matcher(key).matches() ? "changed"
						: (was == null ? "" : was) + " → " + (is == null ? "" : is));
			}
		}
		return changes;
	}

	private static Map<String, String> flatten(JsonNode node) {
		Map<String, String> values = new TreeMap<>();
		flatten("", node, values);
		return values;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> values) {
		if (node == null || node.isNull()) {
			return;
		}
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), values);
			}
		}
		else if (node.isArray()) {
			values.put(path, node.toString());
		}
		else {
			values.put(path, node.asString());
		}
	}

}
