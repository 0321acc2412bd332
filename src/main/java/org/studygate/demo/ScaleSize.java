package org.studygate.demo;

/**
 * How large the benchmark data set is.
 *
 * @param studies bulk studies spread over the three demo departments
 * @param users bulk staff users, half of them physicians
 */
public record ScaleSize(int studies, int users) {

	public ScaleSize {
		if (studies < 0 || users < 0) {
			throw new IllegalArgumentException("sizes must not be negative");
		}
	}

	public boolean isEmpty() {
		return studies == 0 && users == 0;
	}

}
