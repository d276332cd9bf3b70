package io.edgegw.core.admin;

import java.time.Duration;

/**
 * What one admin client may hold, so the port answers whatever a client sends or withholds. Not configuration:
 * operators' traffic is small and known (a scrape, a status page, a probe); tests shorten the times.
 *
 * @param maxConnections    open connections at once; past it the longest idle one makes way (see ConnectionSlots)
 * @param maxLineBytes      request line (414 past it)
 * @param maxHeaderBytes    all header lines together (431 past it)
 * @param maxBodyBytes      request body; no route reads one (413 past it)
 * @param requestTimeout    from a request's first byte to its last (408 and closed past it); also the longest a
 *                          response may take to leave (a client that does not read is closed)
 * @param idleTimeout       a connection with nothing read or written this long is closed; above the usual
 *                          Prometheus scrape intervals so a scraper keeps its connection
 * @param workerQueue       scrapes and API calls waiting for the admin worker (503 past it)
 */
record AdminLimits(int maxConnections, int maxLineBytes, int maxHeaderBytes, int maxBodyBytes,
                   Duration requestTimeout, Duration idleTimeout, int workerQueue) {
    static final AdminLimits DEFAULTS = new AdminLimits(128, 4096, 8192, 16384, Duration.ofSeconds(10),
            Duration.ofSeconds(120), 32);

    AdminLimits withTimeouts(Duration request, Duration idle) {
        return new AdminLimits(maxConnections, maxLineBytes, maxHeaderBytes, maxBodyBytes, request, idle, workerQueue);
    }

    AdminLimits withMaxConnections(int max) {
        return new AdminLimits(max, maxLineBytes, maxHeaderBytes, maxBodyBytes, requestTimeout, idleTimeout,
                workerQueue);
    }
}
