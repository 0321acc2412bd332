package org.studygate.breakglass;

import org.studygate.access.AccessTabSection;
import org.studygate.department.Department;
import org.studygate.access.Authorized;

import org.springframework.stereotype.Component;

/**
 * The Access tab's Unlocked (break-the-glass) section: every unlock of the study, newest
 * first.
 */
@Component
class UnlockedSection implements AccessTabSection {

	private final BreakGlass breakGlass;

	UnlockedSection(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@Override
	public String key() {
		return "unlocked";
	}

	@Override
	public int order() {
		return 100;
	}

	@Override
	public String fragment() {
		return "breakglass/section :: unlocked";
	}

	@Override
	public Object content(Authorized authorized, Department department) {
		return breakGlass.ofStudy(authorized);
	}

}
