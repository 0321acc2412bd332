package org.studygate.archive.web;

import org.studygate.archive.OhifViewer;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the OHIF viewer at {@code /viewer/}: its page (for every route of the viewer),
 * its boot script, its configuration, which names the gateway {@code /dicomweb} of this
 * very origin as its only data source, and its static files. Without the viewer's files,
 * every address under {@code /viewer/} is not found
 * (docs/decisions/055-ohif-viewer-on-the-gateway.md).
 */
@Controller
class OhifController {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	/**
	 * The viewer's configuration: the gateway on this origin, the session cookie sent
	 * with every request (no token in any address), no study list, no other data source.
	 */
	static final String APP_CONFIG = """
			window.config = {
			  routerBasename: '/viewer',
			  showStudyList: false,
			  extensions: [],
			  modes: [],
			  maxNumberOfWebWorkers: 2,
			  showWarningMessageForCrossOrigin: false,
			  showCPUFallbackMessage: true,
			  showLoadingIndicator: true,
			  strictZSpacingForVolumeViewport: true,
			  investigationalUseDialog: { option: 'never' },
			  defaultDataSourceName: 'studygate',
			  dataSources: [{
			    namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
			    sourceName: 'studygate',
			    configuration: {
			      friendlyName: 'Studygate',
			      name: 'studygate',
			      qidoRoot: window.location.origin + '/dicomweb',
			      wadoRoot: window.location.origin + '/dicomweb',
			      wadoUriRoot: window.location.origin + '/dicomweb',
			      qidoSupportsIncludeField: false,
			      supportsReject: false,
			      imageRendering: 'wadors',
			      thumbnailRendering: 'wadors',
			      enableStudyLazyLoad: true,
			      supportsFuzzyMatching: false,
			      supportsWildcard: true,
			      staticWado: false,
			      singlepart: 'bulkdata,video',
			      omitQuotationForMultipartRequest: true,
			      bulkDataURI: { enabled: false },
			      requestOptions: { requestCredentials: 'same-origin' },
			    },
			  }],
			};
			""";

	private final OhifViewer viewer;

	OhifController(OhifViewer viewer) {
		this.viewer = viewer;
	}

	@GetMapping({ "/viewer", "/viewer/", "/viewer/index.html", "/viewer/viewer", "/viewer/viewer/**" })
	ResponseEntity<String> page() {
		if (!viewer.available()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.contentType(MediaType.TEXT_HTML)
			.body(viewer.indexHtml());
	}

	@GetMapping("/viewer/studygate-boot.js")
	ResponseEntity<String> bootScript() {
		if (!viewer.available()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		return ResponseEntity.ok().contentType(JAVASCRIPT).body(viewer.bootScript());
	}

	@GetMapping("/viewer/app-config.js")
	ResponseEntity<String> appConfig() {
		if (!viewer.available()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(JAVASCRIPT).body(APP_CONFIG);
	}

}
