package org.studygate.transfer;

import org.studygate.access.AccessTabSection;
import org.studygate.department.Department;
import org.studygate.access.Authorized;

import org.springframework.stereotype.Component;

/**
 * The Access tab's PACS (Transferred) section: every forward and download of the study,
 * newest first.
 */
@Component
class TransfersSection implements AccessTabSection {

	private final Forwards forwards;

	TransfersSection(Forwards forwards) {
		this.forwards = forwards;
	}

	@Override
	public String key() {
		return "transfers";
	}

	@Override
	public int order() {
		return 200;
	}

	@Override
	public String fragment() {
		return "transfer/section :: transfers";
	}

	@Override
	public Object content(Authorized authorized, Department department) {
		return forwards.ofStudy(authorized);
	}

}
