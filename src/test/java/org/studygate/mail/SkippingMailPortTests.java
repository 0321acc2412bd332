package org.studygate.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Without a mail server, a notification is skipped, never failed, and its address is
 * masked in the log.
 */
class SkippingMailPortTests {

	@Test
	void skipsWithoutFailingAndMasksTheAddress() {
		SkippingMailPort port = new SkippingMailPort();

		assertThatCode(() -> port.send(new MailMessage("ann.peeters@example.org", "Shared", "A.P. CT")))
			.doesNotThrowAnyException();
		assertThat(port.delivers()).isFalse();
		assertThat(SkippingMailPort.mask("ann.peeters@example.org")).isEqualTo("a***@example.org");
		assertThat(SkippingMailPort.mask("nobody")).isEqualTo("***");
	}

}
