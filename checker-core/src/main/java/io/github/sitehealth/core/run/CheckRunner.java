package io.github.sitehealth.core.run;

import io.github.sitehealth.core.http.HttpCheck;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.ProbeSettings;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every check of a {@link RunSpec} concurrently, with at most {@code concurrency} checks in
 * flight and at most {@code perHostConcurrency} of them to one host:port. A check waiting for its
 * host does not hold a slot that a check to another host could use.
 */
public final class CheckRunner {

  private final CheckListener listener;
  private final int bodyCap;

  public CheckRunner(CheckListener listener) {
    this(listener, HttpProbe.DEFAULT_BODY_CAP);
  }

  public CheckRunner(CheckListener listener, int bodyCap) {
    this.listener = listener;
    this.bodyCap = bodyCap;
  }

  public RunResult run(RunSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    List<EndpointSpec> endpoints = spec.endpoints();
    CheckResult[] results = new CheckResult[endpoints.size()];
    if (!endpoints.isEmpty()) {
      int threads = Math.min(spec.concurrency(), endpoints.size());
      AtomicInteger threadNumber = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "site-health-check-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      try (HttpProbe probe = new HttpProbe(ProbeSettings.of(spec, bodyCap))) {
        new Scheduler(endpoints, spec, new HttpCheck(probe), executor, results).runAll();
      } finally {
        executor.shutdownNow();
      }
    }
    return new RunResult(startedAt, (System.nanoTime() - start) / 1_000_000, List.of(results));
  }

  /** Starts checks as global and per-host slots free up; waits until all have finished. */
  private final class Scheduler {
    private final Deque<Integer> pending = new ArrayDeque<>();
    private final Map<String, Integer> inFlightPerHost = new HashMap<>();
    private final List<EndpointSpec> endpoints;
    private final RunSpec spec;
    private final HttpCheck check;
    private final ExecutorService executor;
    private final CheckResult[] results;
    private int inFlight;
    private int finished;
    private RuntimeException failure;

    Scheduler(
        List<EndpointSpec> endpoints,
        RunSpec spec,
        HttpCheck check,
        ExecutorService executor,
        CheckResult[] results) {
      this.endpoints = endpoints;
      this.spec = spec;
      this.check = check;
      this.executor = executor;
      this.results = results;
      for (int i = 0; i < endpoints.size(); i++) {
        pending.add(i);
      }
    }

    synchronized void runAll() {
      startWhatFits();
      while (finished < endpoints.size() && failure == null) {
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

    private void startWhatFits() {
      Iterator<Integer> it = pending.iterator();
      while (inFlight < spec.concurrency() && it.hasNext()) {
        int index = it.next();
        String host = endpoints.get(index).hostKey();
        int hostLoad = inFlightPerHost.getOrDefault(host, 0);
        if (hostLoad >= spec.perHostConcurrency()) {
          continue;
        }
        it.remove();
        inFlight++;
        inFlightPerHost.put(host, hostLoad + 1);
        executor.execute(() -> runOne(index, host));
      }
    }

    private void runOne(int index, String host) {
      CheckResult result = null;
      RuntimeException error = null;
      try {
        result = check.run(endpoints.get(index));
        listener.checkFinished(result);
      } catch (RuntimeException e) {
        error = e;
      }
      synchronized (this) {
        results[index] = result;
        if (error != null && failure == null) {
          failure = error;
        }
        inFlight--;
        finished++;
        inFlightPerHost.merge(host, -1, Integer::sum);
        startWhatFits();
        notifyAll();
      }
    }
  }
}
