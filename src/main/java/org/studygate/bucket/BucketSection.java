package org.studygate.bucket;

import org.studygate.access.AccessTabSection;
import org.studygate.department.Department;
import org.studygate.access.Authorized;

import org.springframework.stereotype.Component;

/**
 * The Buckets section of the Access tab (docs/product/04-access-tab.md): every bucket
 * holding the study.
 */
@Component
class BucketSection implements AccessTabSection {

	private final Buckets buckets;

	BucketSection(Buckets buckets) {
		this.buckets = buckets;
	}

	@Override
	public String key() {
		return "buckets";
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public String fragment() {
		return "bucket/section :: buckets";
	}

	@Override
	public Object content(Authorized authorized, Department department) {
		return buckets.ofStudy(authorized);
	}

}
