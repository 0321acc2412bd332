package org.studygate.breakglass;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records in the access log the end of each unlock that expired (Emergency Override Stopped). An
 * unlock stops permitting at its expiry whatever this sweep does; the sweep only writes the entry,
 * once per unlock, within a minute.
 */
@Component
class UnlockExpiry {

	private final BreakGlass breakGlass;

	UnlockExpiry(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@Scheduled(fixedDelayString = "${studygate.break-glass.expiry-sweep:PT1M}", initialDelayString = "PT20S")
	void sweep() {
		breakGlass.recordExpiries();
	}

}
