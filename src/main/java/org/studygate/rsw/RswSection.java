package org.studygate.rsw;

import org.studygate.access.AccessTabSection;
import org.studygate.department.Department;
import org.studygate.access.Authorized;

import org.springframework.stereotype.Component;

/**
 * The RSW status section of the Access tab (docs/product/04-access-tab.md): state, last
 * attempt, attempts, error.
 */
@Component
class RswSection implements AccessTabSection {

	private final RegionalPublisher publisher;

	RswSection(RegionalPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public String key() {
		return "rsw";
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public String fragment() {
		return "rsw/section :: rsw";
	}

	@Override
	public Object content(Authorized authorized, Department department) {
		return publisher.status(authorized, java.util.Optional.of(department));
	}

}
