package org.studygate.ris;

import java.util.Map;

import org.studygate.Fixtures;

/** The sample RIS messages for the browser journeys, which live in another package. */
public final class RisMessagesForJourneys {

	private RisMessagesForJourneys() {
	}

	public static int freePort() {
		return RisSender.freePort();
	}

	/** The placeholders of a report of this status and text for the study's accession. */
	public static Map<String, String> report(String department, String accession, String status, String text) {
		Map<String, String> values = RisSender.order(department, "RE", accession);
		values.put("STATUS", status);
		values.put("TIME", "202612041030");
		values.put("TEXT", text);
		values.put("CONCLUSION", "see text");
		values.put("PID", "PAT" + Fixtures.unique());
		return values;
	}

	/** Sends a sample message with HAPI's client; answers MSA-1. */
	public static String send(int port, String resource, Map<String, String> values) {
		return RisSender.sendWithHapi(port, RisSender.message(resource, values));
	}

}
