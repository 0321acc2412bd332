package org.studygate.directory;

import java.time.Instant;

/**
 * A practice membership lapses soon and its member is to be reminded (decision 061).
 */
public record ReconfirmationDue(UserId user, GroupId group, String groupName, Instant lapsesAt) {

}
