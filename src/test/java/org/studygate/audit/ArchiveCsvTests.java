package org.studygate.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive CSV reads back exactly what was written (null and empty text apart, the
 * formula guard removed once), whatever the text, and a malformed row is refused.
 */
class ArchiveCsvTests {

	private static List<String> roundTrip(List<String> cells) throws IOException {
		BufferedReader in = new BufferedReader(new StringReader(ArchiveCsv.header() + ArchiveCsv.row(cells)));
		assertThat(in.readLine()).isEqualTo(String.join(",", ArchiveCsv.HEADER));
		List<String> read = ArchiveCsv.read(in);
		assertThat(ArchiveCsv.read(in)).as("one row only").isNull();
		return read;
	}

	@Test
	void nullEmptyGuardedAndQuotedValuesReadBack() throws IOException {
		List<String> cells = Arrays.asList(null, "", "=SUM(A1)", "'=x", "'", "+1", "-", "@a", "\tt", "\rr",
				"say \"hi\", then\r\nleave", "plain");
		assertThat(roundTrip(cells)).isEqualTo(cells);
		assertThat(ArchiveCsv.row(List.of("=SUM(A1)"))).isEqualTo("\"'=SUM(A1)\"\r\n");
	}

	@Property(tries = 300)
	void anyTextReadsBack(@ForAll String a, @ForAll String b) throws IOException {
		List<String> cells = Arrays.asList(a, null, b);
		assertThat(roundTrip(cells)).isEqualTo(cells);
	}

	@Test
	void malformedRowsAreRefused() {
		assertThatThrownBy(() -> ArchiveCsv.read(new StringReader("\"open"))).hasMessageContaining("unterminated");
		assertThatThrownBy(() -> ArchiveCsv.read(new StringReader("bare,\"x\"\r\n")))
			.hasMessageContaining("outside quotes");
	}

}
