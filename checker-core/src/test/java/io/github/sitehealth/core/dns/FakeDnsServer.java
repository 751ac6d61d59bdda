package io.github.sitehealth.core.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS responder on 127.0.0.1, UDP and TCP on the same port, that answers what a test tells it to:
 * for what real servers do not do on demand (stay silent, fail, send garbage, truncate).
 */
public final class FakeDnsServer implements AutoCloseable {

  /** What to send back for a query; {@code null} bytes: stay silent. */
  public record Reply(byte[] bytes) {

    public static Reply silence() {
      return new Reply(null);
    }

    public static Reply of(Message m) {
      return new Reply(m.toWire());
    }
  }

  private static final int IO_TIMEOUT_MS = 200;

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Thread udpThread;
  private final Thread tcpThread;
  private volatile Function<Message, Reply> udpHandler = q -> Reply.silence();
  private volatile Function<Message, Reply> tcpHandler = q -> Reply.silence();
  private volatile boolean closed;
  private volatile Socket connection;
  public final AtomicInteger udpQueries = new AtomicInteger();
  public final AtomicInteger tcpQueries = new AtomicInteger();

  private FakeDnsServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
    this.udpThread = new Thread(this::serveUdp, "fake-dns-udp");
    this.tcpThread = new Thread(this::serveTcp, "fake-dns-tcp");
    udpThread.setDaemon(true);
    tcpThread.setDaemon(true);
    udpThread.start();
    tcpThread.start();
  }

  /** Binds UDP and TCP to one free port on 127.0.0.1. */
  public static FakeDnsServer start() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
        udp.setSoTimeout(IO_TIMEOUT_MS);
        tcp.setSoTimeout(IO_TIMEOUT_MS);
        return new FakeDnsServer(udp, tcp);
      } catch (IOException portTakenForTcp) {
        udp.close();
      }
    }
    throw new IOException("no port free for both UDP and TCP on 127.0.0.1 after 20 tries");
  }

  /** Answers both UDP and TCP queries with {@code handler}. */
  public FakeDnsServer answer(Function<Message, Reply> handler) {
    this.udpHandler = handler;
    this.tcpHandler = handler;
    return this;
  }

  public FakeDnsServer answerUdp(Function<Message, Reply> handler) {
    this.udpHandler = handler;
    return this;
  }

  public FakeDnsServer answerTcp(Function<Message, Reply> handler) {
    this.tcpHandler = handler;
    return this;
  }

  public int port() {
    return udp.getLocalPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  /** A response to {@code query}: same id and question, QR and RA set, the records as answers. */
  public static Message response(Message query, int rcode, Record... answers) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.getHeader().setRcode(rcode);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  public static Message response(Message query, Record... answers) {
    return response(query, Rcode.NOERROR, answers);
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return; // closed
      }
      Message query;
      try {
        query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
      } catch (IOException e) {
        continue;
      }
      udpQueries.incrementAndGet();
      Reply reply = udpHandler.apply(query);
      if (reply.bytes() != null) {
        try {
          udp.send(
              new DatagramPacket(reply.bytes(), reply.bytes().length, packet.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try (Socket s = tcp.accept()) {
        connection = s;
        s.setSoTimeout(IO_TIMEOUT_MS * 5);
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        // one connection may carry several queries; it ends when the client closes it or idles
        for (int n = 0; n < 100 && !closed; n++) {
          int length = in.readUnsignedShort();
          byte[] data = in.readNBytes(length);
          tcpQueries.incrementAndGet();
          Reply reply = tcpHandler.apply(new Message(data));
          if (reply.bytes() != null) {
            out.writeShort(reply.bytes().length);
            out.write(reply.bytes());
            out.flush();
          }
        }
      } catch (SocketTimeoutException e) {
        // no connection, or an idle one: look at the closed flag again
      } catch (IOException e) {
        if (tcp.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    udp.close();
    for (AutoCloseable c : new AutoCloseable[] {tcp, connection}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing anyway
      }
    }
    udpThread.join(2000);
    tcpThread.join(2000);
  }
}
