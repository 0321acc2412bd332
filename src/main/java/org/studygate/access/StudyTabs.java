package org.studygate.access;

import org.studygate.study.StudyId;

/**
 * The tabs of a study's page (docs/product/07-interfaces.md: Study, Access, Study
 * logging) an actor may open. Every tab's page renders the same tab bar from this view.
 *
 * @param studyId the study
 * @param access whether the Access tab opens (MANAGE_ACCESS)
 * @param log whether the Study logging tab opens (READ_LOG or MANAGE_ACCESS)
 * @param share whether the actor may share the study (SHARE)
 */
public record StudyTabs(StudyId studyId, boolean access, boolean log, boolean share) {

}
