package org.studygate.ris;

import org.studygate.StudygateTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its HL7 listener on a free port, one context shared by the test
 * classes that talk MLLP to it.
 */
@StudygateTest
abstract class ListenerContext {

	static final int PORT = RisSender.freePort();

	@DynamicPropertySource
	static void listener(DynamicPropertyRegistry registry) {
		registry.add("studygate.hl7.port", () -> PORT);
	}

}
