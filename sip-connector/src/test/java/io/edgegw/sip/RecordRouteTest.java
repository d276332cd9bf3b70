package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User agents that honour Record-Route (RFC 3261 section 12.1): ACK and BYE find the callee by the Route set. */
@Timeout(60)
class RecordRouteTest {
    @TempDir
    Path dir;

    @Test
    void ackAndByeOfAnAnsweredCallTravelByTheRouteTheProxyRecorded() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "rr1@x"), proxy);

            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            List<String> recordRoutes = headerLines(invite.text(), "Record-Route:");
            assertEquals(1, recordRoutes.size(), invite.text());
            String contact = "Contact: <sip:callee@127.0.0.1:" + trunk.port() + ">";
            String ok = RawSip.response(invite.text(), 200, "OK")
                    .replace("Content-Length: 0", recordRoutes.get(0) + "\r\n" + contact + "\r\nContent-Length: 0");
            trunk.send(ok, invite.from());

            RawSip.Received answer = caller.response(200, "INVITE");
            String route = headerLines(answer.text(), "Record-Route:").get(0).replace("Record-Route:", "Route:");
            String toWithTag = headerLines(answer.text(), "To:").get(0);
            for (String method : List.of("ACK", "BYE")) {
                String inDialog = caller.request(method, "callee", proxy, RawSip.newBranch(), "rr1@x")
                        .replaceFirst("^" + method + " sip:callee@[^ ]+ ", method + " sip:callee@127.0.0.1:" + trunk.port() + " ")
                        .replaceFirst("To: [^\r]*", toWithTag)
                        .replace("CSeq: 1 " + method, "CSeq: " + (method.equals("ACK") ? 1 : 2) + " " + method)
                        .replace("Max-Forwards: 70", "Max-Forwards: 70\r\n" + route);
                caller.send(inDialog, proxy);
                RawSip.Received arrived = trunk.receiveStarting(method + " ");
                assertTrue(arrived.text().startsWith(method + " sip:callee@127.0.0.1:" + trunk.port()), arrived.text());
                assertFalse(arrived.hasHeaderLine("Route:"), "the proxy takes its own Route off:\n" + arrived.text());
                if (method.equals("BYE")) {
                    trunk.send(RawSip.response(arrived.text(), 200, "OK"), arrived.from());
                    assertEquals(200, caller.response(200, "BYE").status());
                }
            }
        }
    }

    private static List<String> headerLines(String message, String name) {
        List<String> out = new ArrayList<>();
        for (String line : message.split("\r\n")) {
            if (line.toLowerCase().startsWith(name.toLowerCase())) {
                out.add(line);
            }
        }
        return out;
    }
}
