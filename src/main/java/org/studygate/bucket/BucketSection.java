package org.studygate.bucket;

import java.time.ZoneId;

import org.studygate.access.AccessTabSection;
import org.studygate.directory.Actor;
import org.studygate.study.Study;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The Buckets section of the Access tab (SPEC §4): every bucket holding the study. */
@Component
class BucketSection implements AccessTabSection {

	/** Looked up when used: the access module's services take the sections, and buckets use those services. */
	private final ObjectProvider<Buckets> buckets;

	BucketSection(ObjectProvider<Buckets> buckets) {
		this.buckets = buckets;
	}

	@Override
	public String key() {
		return "buckets";
	}

	@Override
	public String fragment() {
		return "bucket/section :: buckets";
	}

	@Override
	public Object content(Actor actor, Study study, ZoneId zone) {
		return buckets.getObject().ofStudy(study);
	}

}
