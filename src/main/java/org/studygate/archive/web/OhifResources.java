package org.studygate.archive.web;

import java.time.Duration;

import org.studygate.archive.OhifViewer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the OHIF viewer's static files under {@code /viewer/} when they are unpacked
 * (docs/decisions/055-ohif-viewer-on-the-gateway.md); its page and configuration come
 * from {@link OhifController}. A web slice without the viewer has no files to serve.
 */
@Configuration(proxyBeanMethods = false)
class OhifResources implements WebMvcConfigurer {

	private final ObjectProvider<OhifViewer> viewer;

	OhifResources(ObjectProvider<OhifViewer> viewer) {
		this.viewer = viewer;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		viewer.ifAvailable(files -> {
			if (files.available()) {
				registry.addResourceHandler("/viewer/**")
					.addResourceLocations(files.directory().toUri().toString())
					.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)));
			}
		});
	}

}
