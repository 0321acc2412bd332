package org.studygate.breakglass;

/**
 * The emergency-access search is refused for now: the user or his address searched too
 * often without a match (decision 034). The API answers 429, the page a friendly
 * sentence.
 */
public class SearchThrottledException extends RuntimeException {

	public SearchThrottledException() {
		super("too many emergency searches without a match; try again later");
	}

}
