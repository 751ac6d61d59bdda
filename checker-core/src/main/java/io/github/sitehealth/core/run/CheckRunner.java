package io.github.sitehealth.core.run;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.RunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs every check of a {@link RunSpec} concurrently, whatever its kind, with at most {@code
 * concurrency} checks in flight and at most {@code perHostConcurrency} of them with the same
 * {@link Check#limitKey limit key} (one host:port; for DNS checks, one resolver). A check waiting
 * for its host does not hold a slot that a check to another host could use. Results are in
 * configuration order.
 */
public final class CheckRunner {

  /** How often a long run reports its progress, the first time after one interval. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  private final CheckListener listener;
  private final int bodyCap;
  private final Duration progressInterval;

  public CheckRunner(CheckListener listener) {
    this(listener, HttpProbe.DEFAULT_BODY_CAP);
  }

  public CheckRunner(CheckListener listener, int bodyCap) {
    this(listener, bodyCap, PROGRESS_INTERVAL);
  }

  CheckRunner(CheckListener listener, int bodyCap, Duration progressInterval) {
    this.listener = listener;
    this.bodyCap = bodyCap;
    this.progressInterval = progressInterval;
  }

  public RunResult run(RunSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    CheckResult[] results = new CheckResult[spec.size()];
    if (spec.size() > 0) {
      int threads = Math.min(spec.concurrency(), spec.size());
      AtomicInteger threadNumber = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "site-health-check-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      ScheduledExecutorService progress =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "site-health-progress");
                t.setDaemon(true);
                return t;
              });
      try (RunResources resources = new RunResources(spec, bodyCap)) {
        Map<Class<?>, Check<CheckSpec>> kinds = new HashMap<>();
        List<Job> jobs = new ArrayList<>();
        for (CheckSpec check : spec.checks()) {
          Check<CheckSpec> kind =
              kinds.computeIfAbsent(check.getClass(), t -> CheckKinds.open(check.getClass(), resources));
          jobs.add(new Job(kind.limitKey(check), CheckKinds.limit(check.getClass(), spec),
              () -> kind.run(check)));
        }
        Scheduler scheduler = new Scheduler(jobs, spec, executor, results);
        progress.scheduleAtFixedRate(
            () -> listener.progress(scheduler.progress(start)),
            progressInterval.toNanos(), progressInterval.toNanos(), TimeUnit.NANOSECONDS);
        scheduler.runAll();
      } finally {
        progress.shutdownNow();
        executor.shutdownNow();
      }
    }
    for (int i = 0; i < results.length; i++) {
      Optional<String> group = spec.group(results[i].name());
      if (group.isPresent()) {
        results[i] = results[i].withGroup(group);
      }
    }
    return new RunResult(startedAt, (System.nanoTime() - start) / 1_000_000, List.of(results));
  }

  /**
   * One check to run, the host (or resolver) whose limit it counts against, and that limit.
   */
  private record Job(String hostKey, int limit, Supplier<CheckResult> check) {}

  /**
   * Starts checks as global and per-host slots free up; waits until all have finished. The checks
   * waiting for one host are a queue of their own, and the hosts with a free slot and a check
   * waiting are kept ordered by the configuration index of that check: starting the next check
   * costs a few map operations however many checks wait, where a scan of everything pending
   * would make a run of n checks to one host n times n steps.
   */
  private final class Scheduler {
    /** Per host key, the indexes of its checks not started yet, in configuration order. */
    private final Map<String, Deque<Integer>> pending = new HashMap<>();
    /** The hosts that have a check waiting and a free slot, by the index of that check. */
    private final TreeMap<Integer, String> ready = new TreeMap<>();
    private final Map<String, Integer> inFlightPerHost = new HashMap<>();
    private final List<Job> jobs;
    private final RunSpec spec;
    private final ExecutorService executor;
    private final CheckResult[] results;
    private int inFlight;
    private int finished;
    private int down;
    private RuntimeException failure;

    Scheduler(List<Job> jobs, RunSpec spec, ExecutorService executor, CheckResult[] results) {
      this.jobs = jobs;
      this.spec = spec;
      this.executor = executor;
      this.results = results;
      for (int i = 0; i < jobs.size(); i++) {
        Deque<Integer> queue = pending.computeIfAbsent(jobs.get(i).hostKey(), h -> new ArrayDeque<>());
        if (queue.isEmpty()) {
          ready.put(i, jobs.get(i).hostKey());
        }
        queue.add(i);
      }
    }

    synchronized CheckListener.Progress progress(long startNanos) {
      return new CheckListener.Progress(
          finished, jobs.size(), down, (System.nanoTime() - startNanos) / 1_000_000);
    }

    synchronized void runAll() {
      startWhatFits();
      while (finished < jobs.size() && failure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while checks were running", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }

    /**
     * Starts checks, the lowest configuration index first, until the run's slots are taken or
     * every host with a check waiting has all of its own in flight.
     */
    private void startWhatFits() {
      while (inFlight < spec.concurrency() && !ready.isEmpty()) {
        Map.Entry<Integer, String> next = ready.pollFirstEntry();
        int index = next.getKey();
        String host = next.getValue();
        Deque<Integer> queue = pending.get(host);
        queue.remove();
        inFlight++;
        inFlightPerHost.merge(host, 1, Integer::sum);
        markIfReady(host);
        executor.execute(() -> runOne(index, host));
      }
    }

    /** Puts the host among the ready ones when it has a check waiting and a slot free. */
    private void markIfReady(String host) {
      Deque<Integer> queue = pending.get(host);
      if (!queue.isEmpty()
          && inFlightPerHost.getOrDefault(host, 0) < jobs.get(queue.peek()).limit()) {
        ready.put(queue.peek(), host);
      }
    }

    private void runOne(int index, String host) {
      CheckResult result = null;
      RuntimeException error = null;
      try {
        result = jobs.get(index).check().get();
        listener.checkFinished(result);
      } catch (RuntimeException e) {
        error = e;
      }
      synchronized (this) {
        results[index] = result;
        if (result != null && result.status() == CheckStatus.DOWN) {
          down++;
        }
        if (error != null && failure == null) {
          failure = error;
        }
        inFlight--;
        finished++;
        inFlightPerHost.merge(host, -1, Integer::sum);
        markIfReady(host);
        startWhatFits();
        notifyAll();
      }
    }
  }
}
