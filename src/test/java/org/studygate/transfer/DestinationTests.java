package org.studygate.transfer;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.studygate.InvalidInputException;
import org.studygate.department.DepartmentId;
import org.studygate.directory.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a destination accepts, and how the backoff between attempts grows. */
class DestinationTests {

	static final DepartmentId DEPARTMENT = DepartmentId.random();

	@Test
	void aDicomNodeNeedsAnAeTitleAHostAndAPort() {
		Destination node = Destination.of(DestinationId.random(), DEPARTMENT, null, " Ward PACS ", "WARDPACS",
				"10.0.0.12", 104, null);

		assertThat(node.kind()).isEqualTo(Destination.Kind.DIMSE);
		assertThat(node.name()).isEqualTo("Ward PACS");
		assertThat(node.label()).isEqualTo("Ward PACS (WARDPACS@10.0.0.12:104)");
	}

	@Test
	void aUrlMakesAStowRsDestinationWithoutTheTrailingSlash() {
		Destination stow = Destination.of(DestinationId.random(), null, UserId.random(), "Home", null, null, null,
				"https://pacs.example/dicom-web/");

		assertThat(stow.kind()).isEqualTo(Destination.Kind.STOW_RS);
		assertThat(stow.url()).isEqualTo("https://pacs.example/dicom-web");
	}

	@Test
	void refusesWhatIsNotADestination() {
		assertField("name", () -> Destination.of(null, DEPARTMENT, null, " ", "A", "h", 104, null));
		assertField("aeTitle", () -> Destination.of(null, DEPARTMENT, null, "n", "SEVENTEEN-CHARS-X", "h", 104, null));
		assertField("aeTitle", () -> Destination.of(null, DEPARTMENT, null, "n", "BACK\\SLASH", "h", 104, null));
		assertField("aeTitle", () -> Destination.of(null, DEPARTMENT, null, "n", null, "h", 104, null));
		assertField("host", () -> Destination.of(null, DEPARTMENT, null, "n", "AE", "bad host;rm", 104, null));
		assertField("port", () -> Destination.of(null, DEPARTMENT, null, "n", "AE", "h", 0, null));
		assertField("port", () -> Destination.of(null, DEPARTMENT, null, "n", "AE", "h", 70000, null));
		assertField("url", () -> Destination.of(null, DEPARTMENT, null, "n", null, null, null, "file:///etc/passwd"));
		assertField("url", () -> Destination.of(null, DEPARTMENT, null, "n", null, null, null, "javascript:alert(1)"));
	}

	@Test
	void allowListEntriesAreHostsDomainsAddressesOrRanges() throws Exception {
		assertThat(AllowRule.parse(" PACS.Hospital.Example ").matchesName("pacs.hospital.example")).isTrue();
		AllowRule domain = AllowRule.parse("*.hospital.example");
		assertThat(domain.entry()).isEqualTo(".hospital.example");
		assertThat(domain.matchesName("ct.pacs.hospital.example")).isTrue();
		assertThat(domain.matchesName("hospital.example.attacker.test")).isFalse();
		assertThat(domain.matchesName("evilhospital.example")).isFalse();
		AllowRule range = AllowRule.parse("10.20.0.0/16");
		assertThat(range.matchesAddress(java.net.InetAddress.getByName("10.20.255.1"))).isTrue();
		assertThat(range.matchesAddress(java.net.InetAddress.getByName("10.21.0.1"))).isFalse();
		assertThat(range.matchesAddress(java.net.InetAddress.getByName("::1"))).isFalse();
		assertThat(AllowRule.parse("fd00::/8").matchesAddress(java.net.InetAddress.getByName("fd12::5"))).isTrue();
		assertThat(AllowRule.parse("127.0.0.1").matchesAddress(java.net.InetAddress.getByName("127.0.0.2"))).isFalse();
		for (String bad : new String[] { "bad host;rm", "10.0.0.0/33", ".example", "http://pacs.example", "*", "" }) {
			assertField("entries", () -> AllowRule.parse(bad));
		}
	}

	@Test
	void theBackoffDoublesAfterEachFailedAttempt() {
		TransferProperties properties = new TransferProperties(3, Duration.ofSeconds(30), null, null, null, null, null,
				null);

		assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
	}

	private static void assertField(String field, Runnable attempt) {
		assertThatThrownBy(attempt::run).isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).field()).isEqualTo(field));
	}

}
