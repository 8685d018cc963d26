package dev.stint.bench;

import dev.stint.core.sigv4.SigV4Exception;
import dev.stint.core.sigv4.SigV4Verifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A cross-check of {@link SigV4Bench}'s ratios that a busy machine skews far less: runs the
 * verifications and the unavoidable hashing in alternating blocks on one thread and counts that
 * thread's CPU time for each, so time spent descheduled while other processes run counts for none.
 * Prints each round and the median. Not JMH: run it with {@code java -cp
 * bench/target/benchmarks.jar dev.stint.bench.SigV4CpuRatio}.
 */
public final class SigV4CpuRatio {

  private static final int ROUNDS = 11;
  private static final int BLOCKS = 100;
  private static final int BLOCK = 2_000;

  /** Where results go, so the JIT cannot drop the work that made them. */
  private static volatile long consumed;

  private SigV4CpuRatio() {}

  public static void main(String[] args) throws Exception {
    SigV4Bench bench = new SigV4Bench();
    bench.setUp();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Cached first, uncached after: measured together they would share one JIT profile of the
    // verifier, which a server (one cached verifier per service) never sees.
    double cached = medianRatio("verify cached  ", threads, bench::verifyCachedKey, bench);
    double uncached = medianRatio("verify uncached", threads, bench::verifyUncachedKey, bench);
    System.out.printf(
        "median ratio to the unavoidable hashing: cached x%.2f, uncached x%.2f%n",
        cached, uncached);
  }

  /** A verification to time. */
  @FunctionalInterface
  interface Verification {
    SigV4Verifier.Verified<String> run() throws SigV4Exception;
  }

  private static double medianRatio(
      String label, ThreadMXBean threads, Verification verification, SigV4Bench bench)
      throws SigV4Exception {
    long sink = 0;
    double[] ratios = new double[ROUNDS];
    // Rounds below zero are warm-up: the JIT compiles both paths before anything is counted.
    for (int round = -3; round < ROUNDS; round++) {
      long verify = 0;
      long baseline = 0;
      for (int b = 0; b < BLOCKS; b++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BLOCK; i++) {
          sink += verification.run().signedAt().getNano();
        }
        long t1 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BLOCK; i++) {
          sink += bench.baselineUnavoidableHashing();
        }
        long t2 = threads.getCurrentThreadCpuTime();
        verify += t1 - t0;
        baseline += t2 - t1;
      }
      double ops = (double) BLOCKS * BLOCK;
      if (round >= 0) {
        ratios[round] = verify / (double) baseline;
        System.out.printf(
            "%s round %2d: %5.0f ns/op, unavoidable hashing %5.0f ns/op, x%.2f%n",
            label, round + 1, verify / ops, baseline / ops, ratios[round]);
      }
    }
    consumed = sink;
    Arrays.sort(ratios);
    return ratios[ROUNDS / 2];
  }
}
