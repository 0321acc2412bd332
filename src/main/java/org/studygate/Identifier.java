package org.studygate;

import java.util.UUID;

/**
 * An identifier of one of Studygate's own things, a record around a {@link UUID}.
 * Controllers take identifiers as parameters of their own type: one converter reads them
 * from a path or a query (see {@code web.IdentifierConverters}), and a malformed one is
 * answered as not found, in one place, so that a probe cannot tell a malformed identifier
 * from an unknown one.
 */
public interface Identifier {

	UUID value();

}
