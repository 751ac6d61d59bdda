package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.net.IpText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.WireParseException;

/**
 * Sends DNS queries with dnsjava's {@link SimpleResolver}: one resolver per server and query, so
 * nothing is cached and no hosts file is read. A truncated UDP answer is asked again over TCP by
 * SimpleResolver itself. Every wait is bounded by the caller's {@link Budget}: dnsjava's own
 * timeouts are only checked when its selector is idle, so they are not relied on.
 */
public final class DnsClient implements AutoCloseable {

  /** How often one query is sent before it counts as unanswered. */
  static final int MAX_TRIES = 3;

  /** Parses answers off dnsjava's selector thread; never blocks. */
  private final ExecutorService executor;

  /** Every UDP query of this client on one socket ({@link SharedUdpClient}). */
  private final SharedUdpClient udp;

  /**
   * dnsjava's shared network thread is a daemon; its shutdown hook, though, runs after Maven has
   * closed the plugin's class loader and fails there with NoClassDefFoundError. Unless the user
   * decided otherwise, no hook is registered: the daemon thread ends with the JVM anyway.
   */
  private static final String SHUTDOWN_HOOK_PROPERTY = "dnsjava.nio.register_shutdown_hook";

  public DnsClient() {
    if (System.getProperty(SHUTDOWN_HOOK_PROPERTY) == null) {
      System.setProperty(SHUTDOWN_HOOK_PROPERTY, "false");
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "site-health-dns-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      this.udp = new SharedUdpClient();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot open a UDP socket for DNS queries", e);
    }
  }

  /**
   * One question to one server.
   *
   * @param recursive whether recursion is desired (RD): yes for resolvers, no for authoritative
   *     servers
   */
  record Question(InetSocketAddress server, Name name, int type, boolean recursive) {}

  /**
   * Asks one question, trying the servers in turn: a timeout or an unreachable server moves on to
   * the next (or sends again to the only one), at most {@link #MAX_TRIES} times in all.
   */
  QueryOutcome query(
      List<InetSocketAddress> servers, Name name, int type, boolean recursive, Budget budget) {
    long start = System.nanoTime();
    QueryOutcome last = null;
    for (int t = 0; t < MAX_TRIES; t++) {
      Duration wait = budget.nextTry();
      if (wait.isZero()) {
        break;
      }
      Question q = new Question(servers.get(t % servers.size()), name, type, recursive);
      last =
          await(q, send(q, wait), wait.toNanos(), System.nanoTime())
              .withTries(t + 1, millisSince(start));
      if (!last.retryable()) {
        return last;
      }
    }
    if (last != null) {
      return last;
    }
    return noTimeLeft(new Question(servers.get(0), name, type, recursive));
  }

  /**
   * Asks several questions at once, each of its own server, in up to {@link #MAX_TRIES} rounds:
   * each round sends again only what timed out or was unreachable. The result is in question order.
   */
  List<QueryOutcome> queryAll(List<Question> questions, Budget budget) {
    long start = System.nanoTime();
    QueryOutcome[] outcomes = new QueryOutcome[questions.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      pending.add(i);
    }
    for (int round = 1; round <= MAX_TRIES && !pending.isEmpty(); round++) {
      Duration wait = budget.nextTry();
      if (wait.isZero()) {
        break;
      }
      long roundStart = System.nanoTime();
      List<CompletableFuture<Message>> futures = new ArrayList<>();
      for (int i : pending) {
        futures.add(send(questions.get(i), wait));
      }
      List<Integer> again = new ArrayList<>();
      for (int k = 0; k < pending.size(); k++) {
        int i = pending.get(k);
        long left = wait.toNanos() - (System.nanoTime() - roundStart);
        outcomes[i] =
            await(questions.get(i), futures.get(k), left, roundStart)
                .withTries(round, millisSince(start));
        if (outcomes[i].retryable()) {
          again.add(i);
        }
      }
      pending = again;
    }
    List<QueryOutcome> result = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      result.add(outcomes[i] != null ? outcomes[i] : noTimeLeft(questions.get(i)));
    }
    return result;
  }

  private CompletableFuture<Message> send(Question q, Duration timeout) {
    try {
      Message query = Message.newQuery(Record.newRecord(q.name(), q.type(), DClass.IN));
      if (!q.recursive()) {
        query.getHeader().unsetFlag(Flags.RD);
      }
      SimpleResolver resolver = new SimpleResolver(q.server());
      resolver.setIoClientFactory(udp);
      resolver.setTimeout(timeout);
      return resolver.sendAsync(query, executor).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static QueryOutcome await(
      Question q, CompletableFuture<Message> future, long waitNanos, long sentAt) {
    try {
      Message response = future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
      return new QueryOutcome(
          q, QueryOutcome.Kind.ANSWERED, Optional.of(response), "", millisSince(sentAt), 1);
    } catch (TimeoutException e) {
      future.cancel(false);
      return failed(q, QueryOutcome.Kind.TIMEOUT, "no answer in time", sentAt);
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      return failed(
          q, QueryOutcome.Kind.TIMEOUT, "interrupted while waiting for the answer", sentAt);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof SocketTimeoutException) {
        return failed(q, QueryOutcome.Kind.TIMEOUT, "no answer in time", sentAt);
      }
      if (cause instanceof WireParseException) {
        return failed(
            q,
            QueryOutcome.Kind.MALFORMED,
            "malformed answer (" + cause.getMessage() + ")",
            sentAt);
      }
      if (cause instanceof PortUnreachableException) {
        return failed(q, QueryOutcome.Kind.UNREACHABLE, "port unreachable", sentAt);
      }
      if (cause instanceof IOException) {
        return failed(q, QueryOutcome.Kind.UNREACHABLE, describe(cause), sentAt);
      }
      return failed(
          q, QueryOutcome.Kind.MALFORMED, "unusable answer (" + describe(cause) + ")", sentAt);
    }
  }

  private static QueryOutcome failed(
      Question q, QueryOutcome.Kind kind, String detail, long sentAt) {
    return new QueryOutcome(q, kind, Optional.empty(), detail, millisSince(sentAt), 1);
  }

  private static QueryOutcome noTimeLeft(Question q) {
    return new QueryOutcome(
        q, QueryOutcome.Kind.TIMEOUT, Optional.empty(), "not sent: no time left", 0, 0);
  }

  private static String describe(Throwable t) {
    String name = t.getClass().getSimpleName();
    return t.getMessage() == null ? name : name + ": " + t.getMessage();
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  /** {@code 127.0.0.1:53} or {@code [::1]:53}, without a name lookup. */
  static String format(InetSocketAddress address) {
    return IpText.of(address);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      udp.close();
    } catch (IOException e) {
      // closing a datagram socket has nothing to flush: nothing is lost
    }
  }
}
