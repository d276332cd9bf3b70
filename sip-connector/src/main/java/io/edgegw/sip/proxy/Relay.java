package io.edgegw.sip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/** An in-dialog request (BYE, re-INVITE, ...) relayed statefully: its responses go back through the caller's transaction. */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final ServerTransaction server;
    private final Hops hops;

    Relay(ServerTransaction server, Hops hops) {
        this.server = server;
        this.hops = hops;
    }

    void responded(Response response) {
        if (response.getStatusCode() == Response.TRYING) {
            return; // hop by hop
        }
        send(Hops.upstream(response), response.getStatusCode());
    }

    void timedOut() {
        try {
            send(hops.answer(server.getRequest(), Response.REQUEST_TIMEOUT), Response.REQUEST_TIMEOUT);
        } catch (Exception e) {
            LOG.debug("cannot answer 408 to {}: {}", server.getRequest().getMethod(), e.toString());
        }
    }

    private void send(Response r, int status) {
        try {
            server.sendResponse(r);
        } catch (Exception e) {
            LOG.debug("cannot relay {} for {}: {}", status, server.getRequest().getMethod(), e.toString());
        }
    }
}
