package dev.rpcpool.soak;

/**
 * Command-line entry of the soak (run by {@code scripts/soak.sh}, not by CI): prints progress and a
 * summary; exits 0 if the verdict is PASS, 1 if FAIL, 2 on bad arguments.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        SoakReport report = new SoakDriver(options, System.out).run();
        System.exit(report.passed() ? 0 : 1);
    }
}
