/**
 * The demo data set: a small hospital loaded through the module APIs on first start when
 * {@code STUDYGATE_DEMO} is set, and, on request, a large data set for benchmarks
 * ({@code studygate.demo.studies}, {@code studygate.demo.users}).
 *
 * <p>
 * The large set is written with PostgreSQL {@code COPY} straight into the tables of the
 * directory and study modules. That is allowed here only because this module is a data
 * loader that runs before anyone uses the data: going through the module APIs would take
 * hours for a million studies. Nothing else may write to another module's tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo",
		allowedDependencies = { "directory", "directory :: setup", "department", "department :: setup", "study",
				"access", "breakglass", "refcode", "archive" })
package org.studygate.demo;
