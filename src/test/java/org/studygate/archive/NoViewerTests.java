package org.studygate.archive;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Without the OHIF viewer's files there is no viewer and no link to it (the run's own
 * viewer directory, when {@code bin/test} unpacked one, is set aside here).
 */
@StudygateTest
@TestPropertySource(properties = "studygate.viewer.dir=")
class NoViewerTests {

	@Autowired
	WebFixture web;

	@Autowired
	OhifViewer viewer;

	@Test
	void answersNotFoundUnderTheViewerAndLinksNowhere() throws Exception {
		assertThat(viewer.available()).isFalse();
		assertThat(viewer.studyLink("1.2.3")).isNull();
		for (String path : new String[] { "/viewer/", "/viewer/viewer", "/viewer/app-config.js",
				"/viewer/studygate-boot.js", "/viewer/app.bundle.js" }) {
			assertThat(web.mvc().perform(get(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(404);
		}
	}

	@Test
	void movesThePageUnderTheViewerAndItsInlineScriptsToAFile() {
		String html = "<html><head><script>console.time(\"x\"),window.PUBLIC_URL=\"/\"</script>"
				+ "<script src=\"/app-config.js\"></script><link href=\"/a.css\"><script>function f(n){return import(n)}"
				+ "window.PUBLIC_URL=\"/\"</script><script defer src=\"/app.bundle.1.js\"></script></head></html>";
		var page = OhifViewer.rewrite(html);
		assertThat(page.html()).doesNotContain("<script>")
			.contains("<script src=\"/viewer/studygate-boot.js\"></script>")
			.contains("src=\"/viewer/app-config.js\"")
			.contains("href=\"/viewer/a.css\"")
			.contains("src=\"/viewer/app.bundle.1.js\"");
		assertThat(page.script()).contains("window.PUBLIC_URL=\"/viewer/\"")
			.contains("function f(n){return import(n)}")
			.doesNotContain("PUBLIC_URL=\"/\"");
	}

}
