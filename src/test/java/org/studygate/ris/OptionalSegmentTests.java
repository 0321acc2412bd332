package org.studygate.ris;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field of an optional segment is read when the segment is there and is absent, not an
 * error, when it is not; the segment is looked for in every group of the message.
 */
class OptionalSegmentTests {

	private final Hl7 hl7 = new Hl7();

	private static final String ORDER = "MSH|^~\\&|RIS|RAD|STUDYGATE|STUDYGATE|20261204101500||ORM^O01|C1|P|2.5\r"
			+ "PID|1||P1^^^RAD||Peeters^Ann||19700517|F\r" + "PV1|1|O||||||123^Janssens^Jan\r" + "ORC|NW|PL1|||SC\r"
			+ "OBR|1|PL1||CT^CT thorax||||||||||||||ACC1\r";

	@Test
	void readsTheFieldsOfSegmentsThatAreThereAndNothingForThoseThatAreNot() throws Exception {
		Message with = this.hl7.parse(ORDER + "ZDS|1.2.3.4^RIS^Application^DICOM\rZPY|Y\r");
		Message without = this.hl7.parse(ORDER);
		assertThat(Orders.optional(new Terser(with), "/.ZDS-1-1")).isEqualTo("1.2.3.4");
		assertThat(Orders.optional(new Terser(with), "/.ZPY-1")).isEqualTo("Y");
		assertThat(Orders.optional(new Terser(with), "/.PV1-8-1")).isEqualTo("123");
		assertThat(Orders.optional(new Terser(without), "/.ZDS-1-1")).isNull();
		assertThat(Orders.optional(new Terser(without), "/.ZPY-1")).isNull();
		assertThat(Orders.optional(new Terser(without), "/.IPC-3")).isNull();
	}

	@Test
	void findsASegmentInsideAGroupAndNotOneThatIsMissing() throws Exception {
		Message order = this.hl7.parse(ORDER + "ZPY|N\r");
		assertThat(Hl7.has(order, "OBR")).isTrue();
		assertThat(Hl7.has(order, "PID")).isTrue();
		assertThat(Hl7.has(order, "ZPY")).isTrue();
		assertThat(Hl7.has(order, "ZDS")).isFalse();
		assertThat(Hl7.has(order, "MRG")).isFalse();
	}

}
