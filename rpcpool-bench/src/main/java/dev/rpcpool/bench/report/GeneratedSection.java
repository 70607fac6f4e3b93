package dev.rpcpool.bench.report;

/**
 * Replaces the generated part of a hand-edited document: the text between a begin and an end
 * marker line, so the prose around it survives a re-run of the tool that writes it.
 *
 * <p>Thread-safety: stateless.
 */
public final class GeneratedSection {
    private GeneratedSection() {
    }

    /**
     * Returns {@code doc} with everything from the {@code begin} line to the {@code end} line
     * replaced by the markers around {@code body}; if the markers are missing (or out of order) the
     * block is appended.
     */
    public static String splice(String doc, String begin, String end, String body) {
        String block = begin + "\n\n" + body + end + "\n";
        int b = doc.indexOf(begin);
        int e = doc.indexOf(end);
        if (b < 0 || e < b) {
            return doc + (doc.isEmpty() || doc.endsWith("\n") ? "" : "\n") + block;
        }
        int afterEnd = doc.indexOf('\n', e);
        return doc.substring(0, b) + block + (afterEnd < 0 ? "" : doc.substring(afterEnd + 1));
    }
}
