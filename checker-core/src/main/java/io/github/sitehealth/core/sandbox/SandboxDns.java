package io.github.sitehealth.core.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * A tiny authoritative DNS server for the sandbox's zone {@code sandbox.test.}, over UDP on
 * loopback. It answers like an authoritative-only server: CNAMEs inside the zone are followed in
 * the answer, unknown names are NXDOMAIN, names outside the zone are REFUSED.
 */
final class SandboxDns implements AutoCloseable {

  static final Name ORIGIN = Name.fromConstantString("sandbox.test.");
  private static final int MAX_CHAIN = 8;

  private final Zone zone;
  private final DatagramSocket socket;
  private final Thread thread;

  SandboxDns() throws IOException {
    try (InputStream in = SandboxDns.class.getResourceAsStream("sandbox.test.zone")) {
      zone = new Zone(ORIGIN, in);
    }
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "site-health-sandbox-dns");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code 127.0.0.1:PORT}, the form {@code <resolver>} takes. */
  String address() {
    return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] reply = answer(packet.getData(), packet.getLength());
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        // one bad packet does not stop the server
      }
    }
  }

  /** The wire reply to a wire query; null for what cannot be parsed as a query. */
  byte[] answer(byte[] data, int length) {
    Message query;
    try {
      query = new Message(java.util.Arrays.copyOf(data, length));
    } catch (IOException e) {
      return null;
    }
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response.toWire(512);
    }
    response.addRecord(question, Section.QUESTION);
    if (!question.getName().subdomain(ORIGIN) || question.getDClass() != DClass.IN) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response.toWire(512);
    }
    response.getHeader().setFlag(Flags.AA);
    Name name = question.getName();
    Set<Name> seen = new HashSet<>();
    for (int hop = 0; hop < MAX_CHAIN && seen.add(name); hop++) {
      SetResponse found = zone.findRecords(name, question.getType());
      if (found.isSuccessful()) {
        for (RRset set : found.answers()) {
          set.rrs().forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        break;
      }
      if (found.isCNAME()) {
        CNAMERecord cname = found.getCNAME();
        response.addRecord(cname, Section.ANSWER);
        name = cname.getTarget();
        if (!name.subdomain(ORIGIN)) {
          break;
        }
        continue;
      }
      if (found.isNXDOMAIN()) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      // NXDOMAIN and NODATA carry the SOA, for negative caching
      response.addRecord(zone.getSOA(), Section.AUTHORITY);
      break;
    }
    return response.toWire(512);
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
