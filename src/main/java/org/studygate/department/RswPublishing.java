package org.studygate.department;

/**
 * Whether and where a department publishes its studies to the regional health network (SPEC §2,
 * §5). Absent values take their defaults: not published.
 *
 * @param enabled whether each new study is queued for publication
 * @param endpointUrl the network's document submission endpoint
 */
public record RswPublishing(Boolean enabled, String endpointUrl) {

	public RswPublishing {
		enabled = enabled == null ? Boolean.FALSE : enabled;
		endpointUrl = endpointUrl == null || endpointUrl.isBlank() ? null : endpointUrl.strip();
	}

	public static RswPublishing defaults() {
		return new RswPublishing(null, null);
	}

}
