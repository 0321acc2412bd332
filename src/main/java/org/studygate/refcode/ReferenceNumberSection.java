package org.studygate.refcode;

import org.studygate.access.AccessTabSection;
import org.studygate.department.Department;
import org.studygate.access.Authorized;

import org.springframework.stereotype.Component;

/**
 * The Reference numbers section of the Access tab (docs/product/04-access-tab.md): every
 * code of the study, masked.
 */
@Component
class ReferenceNumberSection implements AccessTabSection {

	private final ReferenceNumbers referenceNumbers;

	ReferenceNumberSection(ReferenceNumbers referenceNumbers) {
		this.referenceNumbers = referenceNumbers;
	}

	@Override
	public String key() {
		return "referenceNumbers";
	}

	@Override
	public int order() {
		return 400;
	}

	@Override
	public String fragment() {
		return "refcode/section :: referenceNumbers";
	}

	@Override
	public Object content(Authorized authorized, Department department) {
		return referenceNumbers.lines(authorized, department.settings().referenceNumbers());
	}

}
