package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy is no open relay: an in-dialog request whose Route names it is relayed only with the token its
 * Record-Route signed for that Call-ID. Hand-written SIP, so the forgeries can be exactly what an attacker sends.
 */
@Timeout(60)
class SignedRouteTest {
    private static final Pattern TOKEN = Pattern.compile(";ec=([0-9a-f]+)");

    @TempDir
    Path dir;

    @Test
    void forgedRoutesAreForbiddenAndReachNoTrunkWhileTheCallsOwnByeGoesThrough() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             RawSip attacker = new RawSip("127.0.0.2");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "real@x"), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            String recordRoute = line(invite.text(), "Record-Route:");
            Matcher m = TOKEN.matcher(recordRoute);
            assertTrue(m.find(), "the proxy signs its Record-Route: " + recordRoute);
            String token = m.group(1);
            String contact = "Contact: <sip:callee@127.0.0.1:" + trunk.port() + ">";
            trunk.send(RawSip.response(invite.text(), 200, "OK").replace("Content-Length: 0",
                    recordRoute + "\r\n" + contact + "\r\nContent-Length: 0"), invite.from());
            String route = line(caller.response(200, "INVITE").text(), "Record-Route:").replace("Record-Route:", "Route:");
            String callee = "sip:callee@127.0.0.1:" + trunk.port();
            caller.send(inDialog(caller, "ACK", callee, "real@x", route, proxy), proxy);
            trunk.receiveStarting("ACK ");

            String bare = "Route: <sip:127.0.0.1:" + proxy.getPort() + ";lr>";
            String wrongToken = route.replace(token, "0".repeat(token.length()));
            String victim = "sip:victim@127.0.0.1:" + trunk.port();
            attacker.send(inDialog(attacker, "BYE", victim, "forged1@x", bare, proxy), proxy);
            assertEquals(403, attacker.finalStatus("BYE"), "our Route without a token");
            attacker.send(inDialog(attacker, "BYE", victim, "forged2@x", route, proxy), proxy);
            assertEquals(403, attacker.finalStatus("BYE"), "the token of another call");
            attacker.send(inDialog(attacker, "BYE", victim, "real@x", wrongToken, proxy), proxy);
            assertEquals(403, attacker.finalStatus("BYE"), "a made-up token for the real Call-ID");
            attacker.send(inDialog(attacker, "INVITE", victim, "forged3@x", bare, proxy), proxy);
            assertEquals(403, attacker.finalStatus("INVITE"), "a re-INVITE without a token");
            attacker.send(inDialog(attacker, "ACK", victim, "forged4@x", bare, proxy), proxy); // dropped
            attacker.send(inDialog(attacker, "BYE", victim, "forged5@x", "", proxy), proxy);
            assertEquals(403, attacker.finalStatus("BYE"), "no Route to the proxy and an unknown call");

            caller.send(inDialog(caller, "BYE", callee, "real@x", route, proxy), proxy);
            RawSip.Received first = trunk.receive(); // the proxy handles requests in order: a forgery would be here
            assertTrue(first.text().startsWith("BYE " + callee) && first.text().contains("Call-ID: real@x"),
                    "the trunk's next message should be the call's own BYE:\n" + first.text());
            assertFalse(first.hasHeaderLine("Route:"), first.text());
            trunk.send(RawSip.response(first.text(), 200, "OK"), first.from());
            assertEquals(200, caller.finalStatus("BYE"));

            assertEquals(5.0, gateway.meters().get("edge_sip_in_dialog_refused").tag("reason", "bad_token").counter()
                    .count());
            assertEquals(1.0, gateway.meters().get("edge_sip_in_dialog_refused").tag("reason", "not_routed").counter()
                    .count());
        }
    }

    /** A request within the call {@code callId} (To tagged as answered), to {@code uri}, with {@code route} if any. */
    private static String inDialog(RawSip from, String method, String uri, String callId, String route,
                                   InetSocketAddress proxy) {
        String r = from.request(method, "x", proxy, RawSip.newBranch(), callId);
        r = r.substring(r.indexOf("\r\n")); // the first line replaced below
        r = method + " " + uri + " SIP/2.0" + r;
        r = r.replaceFirst("To: ([^\r]*)", "To: $1;tag=trunk1")
                .replace("CSeq: 1 " + method, "CSeq: " + (method.equals("ACK") ? 1 : 2) + " " + method);
        return route.isEmpty() ? r : r.replace("Max-Forwards: 70", "Max-Forwards: 70\r\n" + route);
    }

    private static String line(String message, String name) {
        for (String l : message.split("\r\n")) {
            if (l.toLowerCase().startsWith(name.toLowerCase())) {
                return l;
            }
        }
        throw new AssertionError("no " + name + " in:\n" + message);
    }
}
