package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Digest credentials are good for one request: the Request-URI they were computed for, a nonce count never used
 * before; guessing from one address is slowed down; and whether a username exists cannot be read off the answers.
 * Tenant acme has credentials; callers on 127.0.0.2 and 127.0.0.3 are outside its sipSources.
 */
@Timeout(60)
class DigestHardeningTest {
    private static final String USER = "acme-sip";
    private static final String PASSWORD = "open sesame";
    private static final String REALM = "127.0.0.1";

    @TempDir
    Path dir;

    private ScriptedTrunk trunk;
    private Gateway gateway;
    private InetSocketAddress proxy;

    @BeforeEach
    void start() throws Exception {
        trunk = new ScriptedTrunk();
        trunk.inviteAnswer = 200;
        gateway = SipGateway.start(dir, trunk.port(), trunk.port(), "",
                ", sipAuth: { username: " + USER + ", password: '" + PASSWORD + "' }", "");
        proxy = SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        trunk.close();
    }

    @Test
    void credentialsComputedForAnotherRequestUriAreRefused() throws Exception {
        try (RawSip ua = new RawSip("127.0.0.2")) {
            String nonce = challenge(ua, "u1@x");
            String other = "sip:4470000999@127.0.0.1:" + proxy.getPort();
            String auth = Digest.authorization(USER, REALM, PASSWORD, "INVITE", other, nonce, "00000001");
            ua.send(authorized(ua, "4470000001", "u2@x", auth), proxy);
            assertEquals(403, ua.finalStatus("INVITE"));
            assertEquals(0, trunk.invites.get());
        }
    }

    @Test
    void aReplayedAuthorizationIsRefusedWhileTheNextNonceCountIsTaken() throws Exception {
        try (RawSip ua = new RawSip("127.0.0.2"); RawSip sniffer = new RawSip("127.0.0.3")) {
            String nonce = challenge(ua, "r1@x");
            String auth = Digest.authorization(USER, REALM, PASSWORD, "INVITE", uri(), nonce, "00000001");
            ua.send(authorized(ua, "4470000001", "r2@x", auth), proxy);
            assertEquals(200, ua.finalStatus("INVITE"));

            sniffer.send(authorized(sniffer, "4470000001", "r3@x", auth), proxy);
            assertNotEquals(200, sniffer.finalStatus("INVITE"), "the same Authorization again");
            ua.send(authorized(ua, "4470000001", "r4@x", auth), proxy);
            assertNotEquals(200, ua.finalStatus("INVITE"), "the same nonce count again, even from its own address");
            assertEquals(1, trunk.invites.get());

            String next = Digest.authorization(USER, REALM, PASSWORD, "INVITE", uri(), nonce, "00000002");
            ua.send(authorized(ua, "4470000001", "r5@x", next), proxy);
            assertEquals(200, ua.finalStatus("INVITE"), "the nonce's next count");
            assertEquals(2, trunk.invites.get());
        }
    }

    @Test
    void guessingFromOneAddressIsThrottledWhileAnotherAddressStillAuthenticates() throws Exception {
        try (RawSip guesser = new RawSip("127.0.0.2"); RawSip ua = new RawSip("127.0.0.3")) {
            for (int i = 0; i < 10; i++) {
                String nonce = challenge(guesser, "g" + i + "@x");
                guesser.send(authorized(guesser, "4470000001", "g" + i + "b@x",
                        Digest.authorization(USER, REALM, "guess" + i, "INVITE", uri(), nonce, "00000001")), proxy);
                assertEquals(403, guesser.finalStatus("INVITE"));
            }
            String nonce = challenge(guesser, "right@x");
            guesser.send(authorized(guesser, "4470000001", "right2@x",
                    Digest.authorization(USER, REALM, PASSWORD, "INVITE", uri(), nonce, "00000001")), proxy);
            assertEquals(403, guesser.finalStatus("INVITE"), "even the right password, from the guessing address");
            assertEquals(0, trunk.invites.get());

            nonce = challenge(ua, "other@x");
            ua.send(authorized(ua, "4470000001", "other2@x",
                    Digest.authorization(USER, REALM, PASSWORD, "INVITE", uri(), nonce, "00000001")), proxy);
            assertEquals(200, ua.finalStatus("INVITE"));
        }
    }

    @Test
    void anUnknownUsernameAndAWrongPasswordLookTheSameOnTheWire() throws Exception {
        try (RawSip a = new RawSip("127.0.0.2"); RawSip b = new RawSip("127.0.0.3")) {
            String nonce = challenge(a, "w1@x");
            a.send(authorized(a, "4470000001", "w2@x",
                    Digest.authorization(USER, REALM, "wrong", "INVITE", uri(), nonce, "00000001")), proxy);
            RawSip.Received wrongPassword = finalAnswer(a);
            nonce = challenge(b, "n1@x");
            b.send(authorized(b, "4470000001", "n2@x",
                    Digest.authorization("nobody", REALM, "wrong", "INVITE", uri(), nonce, "00000001")), proxy);
            RawSip.Received unknownUser = finalAnswer(b);
            assertEquals(wrongPassword.firstLine(), unknownUser.firstLine());
            assertEquals(headerNames(wrongPassword), headerNames(unknownUser));
        }
    }

    private String uri() {
        return "sip:4470000001@127.0.0.1:" + proxy.getPort();
    }

    /** Sends an INVITE without credentials and acknowledges the 407: its nonce. */
    private String challenge(RawSip ua, String callId) throws Exception {
        String invite = ua.request("INVITE", "4470000001", proxy, RawSip.newBranch(), callId);
        ua.send(invite, proxy);
        RawSip.Received challenge = ua.response(407, "INVITE");
        ua.send(ack(invite, challenge), proxy);
        return Digest.nonceOf(challenge);
    }

    private RawSip.Received finalAnswer(RawSip ua) throws Exception {
        for (int i = 0; i < 20; i++) {
            RawSip.Received r = ua.receive();
            if (r.status() >= 200) {
                return r;
            }
        }
        throw new AssertionError("no final answer");
    }

    private String authorized(RawSip ua, String user, String callId, String authorization) {
        return ua.request("INVITE", user, proxy, RawSip.newBranch(), callId).replace("CSeq: 1 INVITE",
                "CSeq: 2 INVITE\r\n" + authorization);
    }

    /** The ACK of a failure answer: the INVITE's branch and Call-ID, the answer's To tag (RFC 3261 section 17.1.1.3). */
    private static String ack(String invite, RawSip.Received answer) {
        String requestLine = invite.substring(0, invite.indexOf("\r\n"));
        StringBuilder sb = new StringBuilder(requestLine.replaceFirst("^INVITE", "ACK")).append("\r\n");
        for (String line : invite.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("max-")) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.append("To: ").append(answer.header("To")).append("\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n")
                .toString();
    }

    private static List<String> headerNames(RawSip.Received r) {
        return r.text().lines().skip(1).filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':')))
                .sorted().toList();
    }
}
