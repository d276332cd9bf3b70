package io.edgegw.sip.stack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NoDelayNetworkLayerTest {
    @Test
    void everyTcpSocketOfTheSipStackHasNagleOff() throws Exception {
        NoDelayNetworkLayer layer = new NoDelayNetworkLayer();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = layer.createServerSocket(0, 1, loopback);
             Socket connected = layer.createSocket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            assertTrue(connected.getTcpNoDelay(), "connected");
            assertTrue(accepted.getTcpNoDelay(), "accepted");
        }
    }
}
