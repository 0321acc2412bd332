package org.studygate.atna;

import java.util.List;

/**
 * A batch of the export, read and built but not yet sent: the chain's links after
 * {@code from} up to {@code last}, {@code entries} of them, and the messages of those not
 * archived.
 */
record Batch(long from, long last, int entries, List<byte[]> messages) {

}
