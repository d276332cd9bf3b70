package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.queue.QueueRecords;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.AbsoluteTimeFormatter;
import org.jsmpp.util.RelativeTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, schedule_delivery_time: read by the SMPP 3.4 section 7.1 rules (absolute with its quarter-hour offset,
 * relative), refused with ESME_RINVSCHED when it is not a time, falls at or past the message's validity, or lies
 * further ahead than the tenant's bound; a scheduled message's due time is kept in its queue record (in the scheduled
 * queue while it is not due; see ScheduledWaitTest).
 */
class ScheduleDeliveryTimeTest {
    private static final byte RECEIPT = SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED;

    @TempDir
    Path storage;

    /** Tenant acme ({@code acmeExtra} added to its keys), one carrier nobody answers for. */
    private Gateway start(String acmeExtra) throws Exception {
        int nobody;
        try (ServerSocket reserve = new ServerSocket(0)) {
            nobody = reserve.getLocalPort();
        }
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw %s }
                carriers:
                  - { id: telco, systemId: edge, password: edge, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), acmeExtra, nobody)));
    }

    private static CloudhopperTenant acme(Gateway gateway) throws Exception {
        return new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw", SmppBindType.TRANSCEIVER);
    }

    private static double counter(Gateway g, String name, String reason) {
        var search = g.meters().find(name).tag("tenant", "acme");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counter() == null ? 0 : search.counter().count();
    }

    @Test
    void aScheduleThatIsNotAnSmppTimeIsRefusedWithInvalidSchedule() throws Exception {
        try (Gateway gateway = start(""); CloudhopperTenant tenant = acme(gateway)) {
            for (String bad : new String[] {"240230120000000+", "2401011200000ab+", "240101120000057+",
                    "240101120000000X", "241301120000000-", "240101250000000+"}) {
                SubmitSmResp resp = tenant.submit("447700900001", "bad schedule", RECEIPT, null, bad);
                assertEquals(SMPPConstant.STAT_ESME_RINVSCHED, resp.getCommandStatus(), bad);
            }
            assertEquals(0.0, counter(gateway, "edge_tenant_submits_accepted", null));
        }
    }

    @Test
    void aScheduleAtOrPastTheValidityOrBeyondTheTenantsBoundIsRefused() throws Exception {
        try (Gateway gateway = start(", maxScheduleAheadSeconds: 3600"); CloudhopperTenant tenant = acme(gateway)) {
            String inTwoHours = RelativeTimeFormatter.format(0, 0, 0, 2, 0, 0);
            String inTenMinutes = RelativeTimeFormatter.format(0, 0, 0, 0, 10, 0);
            String inFiveMinutes = RelativeTimeFormatter.format(0, 0, 0, 0, 5, 0);
            assertEquals(SMPPConstant.STAT_ESME_RINVSCHED, tenant.submit("447700900001", "too far", RECEIPT, null,
                    inTwoHours).getCommandStatus(), "beyond maxScheduleAheadSeconds");
            assertEquals(SMPPConstant.STAT_ESME_RINVSCHED, tenant.submit("447700900001", "dead before due", RECEIPT,
                    inFiveMinutes, inTenMinutes).getCommandStatus(), "due after its validity ends");
            assertEquals(2.0, counter(gateway, "edge_tenant_submits_refused", "schedule"));
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "due in time", RECEIPT,
                    inTenMinutes, inFiveMinutes).getCommandStatus(), "due before its validity ends, within the bound");
        }
        try (Gateway gateway = start(", defaultValiditySeconds: 60"); CloudhopperTenant tenant = acme(gateway)) {
            assertEquals(SMPPConstant.STAT_ESME_RINVSCHED, tenant.submit("447700900001", "past the default", RECEIPT,
                    null, RelativeTimeFormatter.format(0, 0, 0, 0, 2, 0)).getCommandStatus(),
                    "due after the tenant's default validity ends");
        }
    }

    @Test
    void aScheduledMessagesDueTimeIsKeptInItsQueueRecordBesideTheOlderLayouts() throws Exception {
        long before = System.currentTimeMillis();
        Calendar inAnHour = Calendar.getInstance(TimeZone.getTimeZone("Asia/Kolkata")); // +05:30, 22 quarter hours
        inAnHour.add(Calendar.HOUR_OF_DAY, 1);
        inAnHour.set(Calendar.MILLISECOND, 0);
        try (Gateway gateway = start(""); CloudhopperTenant tenant = acme(gateway)) {
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "plain", RECEIPT).getCommandStatus());
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "valid", RECEIPT,
                    RelativeTimeFormatter.format(0, 0, 1, 0, 0, 0)).getCommandStatus());
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "scheduled", RECEIPT, null,
                    new AbsoluteTimeFormatter().format(inAnHour)).getCommandStatus());
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "due already", RECEIPT, null,
                    RelativeTimeFormatter.format(0, 0, 0, 0, 0, 0)).getCommandStatus());
        }
        List<long[]> records = records("inbound"); // due now or not scheduled: toward the carriers at once
        List<long[]> scheduled = records("scheduled"); // due later: waits in its own queue
        assertEquals(3, records.size());
        assertEquals(QueueRecords.VERSION, records.get(0)[0], "no validity, no schedule: the first layout");
        assertEquals(QueueRecords.VERSION_VALID_UNTIL, records.get(1)[0]);
        assertTrue(records.get(1)[1] >= before + 86_400_000L, "a day's validity");
        assertEquals(QueueRecords.VERSION, records.get(2)[0], "all zeros: at once, nothing scheduled");
        assertEquals(1, scheduled.size());
        assertEquals(QueueRecords.VERSION_SCHEDULED, scheduled.get(0)[0]);
        assertEquals(0, scheduled.get(0)[1], "no validity of its own");
        assertEquals(inAnHour.getTimeInMillis(), scheduled.get(0)[2], "its due time, read in its own offset");
    }

    /** Version, validity end and due time of each record in one of acme's queues (the gateway stopped). */
    private List<long[]> records(String queue) {
        List<long[]> records = new ArrayList<>();
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(storage.resolve("tenants/acme/" + queue).toFile())
                .build()) {
            ExcerptTailer tailer = q.createTailer();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    byte version = QueueRecords.checkSubmitVersion(in);
                    in.readLong();
                    in.readLong();
                    long validUntil = version != QueueRecords.VERSION ? in.readLong() : 0;
                    long due = version == QueueRecords.VERSION_SCHEDULED ? in.readLong() : 0;
                    QueueRecords.readMessage(in);
                    records.add(new long[] {version, validUntil, due});
                }
            }
        }
        return records;
    }
}
