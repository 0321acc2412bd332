package org.studygate;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the running instance (docs/product/08-configuration.md). Each mirrors a
 * {@code STUDYGATE_*} environment variable.
 *
 * @param dataDir where the embedded database and other local state live
 * @param publicUrl the address patients and letters use
 * @param adminPassword password of the first service-desk account; random when blank
 * @param demo whether the demo data set is loaded on first start
 */
@ConfigurationProperties("studygate")
public record StudygateProperties(Path dataDir, String publicUrl, String adminPassword, boolean demo) {

	public StudygateProperties {
		dataDir = dataDir == null ? Path.of("var") : dataDir;
		publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl;
	}

}
