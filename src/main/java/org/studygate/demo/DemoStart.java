package org.studygate.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Departments;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On first start with {@code STUDYGATE_DEMO=true} (no department yet), loads the demo set
 * and prints its logins. When {@code studygate.demo.studies} or
 * {@code studygate.demo.users} ask for it, adds the large benchmark set as well (loading
 * the small set first if it is missing). In demo mode, the demo studies' images are made
 * in the archive in the background ({@link DemoImages}).
 */
@Component
@Order(10)
class DemoStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoStart.class);

	private final DemoData demo;

	private final Departments departments;

	private final boolean enabled;

	private final ScaleSize scale;

	private final DemoImages images;

	DemoStart(DemoData demo, DemoImages images, Departments departments,
			@Value("${studygate.demo:false}") boolean enabled, @Value("${studygate.demo.studies:0}") int studies,
			@Value("${studygate.demo.users:0}") int users) {
		this.demo = demo;
		this.images = images;
		this.departments = departments;
		this.enabled = enabled;
		this.scale = new ScaleSize(studies, users);
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean loaded = false;
		if ((enabled && departments.all().isEmpty()) || !scale.isEmpty()) {
			long started = System.nanoTime();
			loaded = demo.load();
			if (loaded) {
				log.info("Loaded the demo data set in {} ms.", (System.nanoTime() - started) / 1_000_000);
			}
		}
		if (!scale.isEmpty()) {
			demo.loadScale(scale);
		}
		if (loaded) {
			printLogins();
		}
		if (enabled) {
			images();
		}
	}

	/**
	 * Fills the archive with the demo studies' images in the background, or says how to
	 * connect one.
	 */
	private void images() {
		if (images.possible()) {
			images.fillInBackground();
		}
		else {
			log.info("No image archive is connected, so the demo studies show no images. Install Orthanc with its "
					+ "DICOMweb plugin (bin/run starts it), or set STUDYGATE_ARCHIVE_URL (docs/guide/image-archive.md).");
		}
	}

	private void printLogins() {
		StringBuilder block = new StringBuilder(
				"\n\n==================== Studygate demo logins ====================\n");
		for (DemoAccount account : demo.accounts()) {
			block.append(String.format("  %-38s %-12s %s%n", account.username(), account.password(), account.role()));
		}
		if (!scale.isEmpty()) {
			block.append(String.format("  %-38s %-12s %s%n", ScaleLoader.physicianUsername(1), DemoData.PASSWORD,
					"bulk physician, rank 1 of " + ScaleLoader.physicians(scale) + " (and physician.NNNNNN)"));
		}
		block.append("================================================================\n");
		log.info(block.toString());
	}

}
