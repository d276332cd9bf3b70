package io.edgegw.smpp;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.ConnectorFactory;
import io.edgegw.core.testing.GatewayConfigs;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmppConnectorTest {
    @Test
    void foundThroughServiceLoaderListensOnARealPortAndStartsEveryCarrierBind() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // nobody listens: the binds keep retrying, which is what we want here
        }
        CarrierConfig carrier = GatewayConfigs.carrier("c1").endpoint("127.0.0.1", deadPort)
                .endpoint("127.0.0.1", deadPort).bindsPerEndpoint(2).window(10).responseTimeoutMillis(1_000)
                .reconnectDelayMillis(100).build();
        FakeCore core = new FakeCore(List.of(GatewayConfigs.tenant("acme").password("secret").window(10).maxBinds(4)
                .build()), List.of(carrier), 30);

        ConnectorFactory factory = ServiceLoader.load(ConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.protocol().equals("smpp")).findFirst().orElseThrow();
        DefaultSmppClient client = new DefaultSmppClient();
        try (Connector connector = factory.create(core)) {
            connector.start();
            InetSocketAddress address = connector.listeners().get("smpp");
            assertTrue(address.getPort() > 0);
            assertEquals(4, core.carrierBinds.size(), "2 endpoints x 2 binds");

            SmppSessionConfiguration c = new SmppSessionConfiguration(SmppBindType.TRANSMITTER, "acme", "secret");
            c.setHost("127.0.0.1");
            c.setPort(address.getPort());
            SmppSession session = client.bind(c);
            assertTrue(session.isBound());
        } finally {
            client.destroy();
        }
        await().atMost(Duration.ofSeconds(10)).until(core.carrierBinds::isEmpty);
    }
}
