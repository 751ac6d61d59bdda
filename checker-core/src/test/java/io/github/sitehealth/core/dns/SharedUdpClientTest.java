package io.github.sitehealth.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The UDP transport on one socket per server, against a loopback UDP server that answers what it
 * is asked only once it holds as many queries as the test says, so that they are in flight
 * together.
 */
class SharedUdpClientTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private SharedUdpClient client;
  private DatagramSocket server;

  @BeforeEach
  void open() throws IOException {
    client = new SharedUdpClient();
    server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    server.close();
  }

  private InetSocketAddress serverAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  private static Message query(String name, int id) throws IOException {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    m.getHeader().setID(id);
    return m;
  }

  private CompletableFuture<byte[]> send(InetSocketAddress to, Message q) {
    return client.sendAndReceiveUdp(null, to, q, q.toWire(), 512, WAIT);
  }

  /** Receives {@code count} queries, then answers each (first answering with a wrong ID if asked). */
  private Thread answerAfter(int count, boolean strayFirst) {
    Thread t = new Thread(() -> {
      try {
        List<DatagramPacket> got = new ArrayList<>();
        while (got.size() < count) {
          DatagramPacket p = new DatagramPacket(new byte[512], 512);
          server.receive(p);
          got.add(p);
        }
        for (DatagramPacket p : got) {
          Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
          if (strayFirst) {
            reply(p.getSocketAddress(), answer(q, (q.getHeader().getID() + 1) & 0xffff, "192.0.2.99"));
          }
          reply(p.getSocketAddress(), answer(q, q.getHeader().getID(), "192.0.2.1"));
        }
      } catch (IOException e) {
        // the socket was closed at the end of the test
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Message answer(Message q, int id, String address) throws IOException {
    Message r = new Message(id);
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60,
        InetAddress.getByName(address)), Section.ANSWER);
    return r;
  }

  private void reply(SocketAddress to, Message m) throws IOException {
    byte[] wire = m.toWire();
    server.send(new DatagramPacket(wire, wire.length, to));
  }

  private static Message get(CompletableFuture<byte[]> f) throws Exception {
    return new Message(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void manyQueriesInFlightOnOneSocketEachGetTheirOwnAnswer() throws Exception {
    answerAfter(3, false);
    List<CompletableFuture<byte[]>> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(send(serverAddress(), query("n" + i + ".example.test.", 100 + i)));
    }
    for (int i = 0; i < 3; i++) {
      Message m = get(answers.get(i));
      assertThat(m.getHeader().getID()).isEqualTo(100 + i);
      assertThat(m.getQuestion().getName().toString()).isEqualTo("n" + i + ".example.test.");
    }
  }

  @Test
  void aSecondQueryWithAnIdInFlightToTheSameServerIsAnsweredThroughTheDefaultClient()
      throws Exception {
    answerAfter(2, false);
    CompletableFuture<byte[]> first = send(serverAddress(), query("a.example.test.", 7));
    CompletableFuture<byte[]> second = send(serverAddress(), query("b.example.test.", 7));

    assertThat(get(first).getQuestion().getName().toString()).isEqualTo("a.example.test.");
    assertThat(get(second).getQuestion().getName().toString()).isEqualTo("b.example.test.");
  }

  @Test
  void anAnswerWithAnotherIdIsDropped() throws Exception {
    answerAfter(1, true);
    Message m = get(send(serverAddress(), query("c.example.test.", 41)));

    assertThat(m.getHeader().getID()).isEqualTo(41);
    assertThat(m.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.1");
  }

  @Test
  void aPortWhereNobodyListensFailsAsPortUnreachableNotAsATimeout() throws Exception {
    int port;
    try (DatagramSocket gone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = gone.getLocalPort();
    }
    InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

    CompletableFuture<byte[]> answer = send(closed, query("d.example.test.", 9));

    assertThatThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PortUnreachableException.class);
  }

  @Test
  void closingFailsWhatStillWaits() throws Exception {
    CompletableFuture<byte[]> answer = send(serverAddress(), query("e.example.test.", 5));

    client.close();

    assertThatThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void aQueryNobodyAnswersFailsAsATimeoutOnceItsTimeIsOver() throws Exception {
    Message q = query("f.example.test.", 11);
    CompletableFuture<byte[]> answer =
        client.sendAndReceiveUdp(null, serverAddress(), q, q.toWire(), 512, Duration.ofMillis(200));

    assertThatThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("no answer in 200 ms");
    assertThat(client.timersPending()).isZero();
  }

  @Test
  void queriesAnsweredInTimeLeaveNoTimerBehind() throws Exception {
    answerAfter(20, false);
    List<CompletableFuture<byte[]>> answers = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      answers.add(send(serverAddress(), query("g" + i + ".example.test.", 200 + i)));
    }
    // the server answers none before it has all 20: each query sent so far has its timer
    assertThat(client.timersPending()).isEqualTo(19);
    answers.add(send(serverAddress(), query("g19.example.test.", 219)));
    for (CompletableFuture<byte[]> answer : answers) {
      get(answer);
    }

    // each answer's timer is cancelled as it completes, on the receiving thread
    long until = System.nanoTime() + WAIT.toNanos();
    while (client.timersPending() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(client.timersPending()).isZero();
  }
}
