package org.studygate.audit;

import java.time.LocalDate;

/** How many log entries one UTC day holds: a bar of the accesses-per-day chart. */
public record DayCount(LocalDate day, long count) {

}
