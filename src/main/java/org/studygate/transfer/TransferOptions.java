package org.studygate.transfer;

import java.util.List;

/**
 * What the study page offers: forward (with the destinations offered for the study) and
 * download, where the decision point permits them.
 */
public record TransferOptions(boolean mayForward, boolean mayDownload, List<Destination> destinations) {

	public TransferOptions {
		destinations = List.copyOf(destinations);
	}

}
