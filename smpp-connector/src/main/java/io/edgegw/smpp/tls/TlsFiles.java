package io.edgegw.smpp.tls;

import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The PEM files of one TLS side (the tenant listener, or a carrier's binds) and the context made from them. New
 * connections take {@link #context()}; connections already open keep the one they started with. When the files
 * change, {@link #checkForChanges()} reads them again once they have stopped changing for one check (a certificate
 * and its key are seldom replaced in the same instant); files that cannot be used leave the previous context in force
 * and are logged as an error, so a bad renewal is no outage.
 */
public final class TlsFiles {
    private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);

    /**
     * What one reading of the files gave: the context, the certificate it shows (null: none, a client's) and the CA
     * certificates it trusts (null: the JDK's trust store; empty: it asks for no peer certificate).
     */
    public record Loaded(SslContext context, X509Certificate certificate, List<X509Certificate> trusted) {
        String describe() {
            String shown = certificate == null ? "no certificate of its own" : "certificate "
                    + certificate.getSubjectX500Principal() + " serial " + certificate.getSerialNumber().toString(16)
                    + " valid until " + certificate.getNotAfter().toInstant();
            return shown + (trusted == null ? ", trusting the JDK's trust store" : trusted.isEmpty() ? ""
                    : ", trusting " + trusted.stream().map(c -> c.getSubjectX500Principal().getName())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    /** Reads the files; throws when they cannot be used. */
    @FunctionalInterface
    public interface Reader {
        Loaded read() throws Exception;
    }

    public enum Check { UNCHANGED, RELOADED, FAILED }

    private record Stamp(Path file, FileTime modified, long size) {
    }

    private final String what;
    private final List<Path> files;
    private final Reader reader;
    private volatile Loaded current;
    /** The files' stamps when last read (or found unusable), and those seen changing at the last check; checker only. */
    private List<Stamp> read;
    private List<Stamp> changing;

    private TlsFiles(String what, List<Path> files, Reader reader, Loaded first, List<Stamp> stamps) {
        this.what = what;
        this.files = List.copyOf(files);
        this.reader = reader;
        this.current = first;
        this.read = stamps;
    }

    /** Reads the files a first time; unusable files stop the start, with {@code what} in the message. */
    public static TlsFiles load(String what, List<Path> files, Reader reader) {
        List<Stamp> stamps = stamps(files);
        Loaded first;
        try {
            first = reader.read();
        } catch (Exception e) {
            throw new IllegalArgumentException(what + ": TLS files cannot be used: " + e.getMessage(), e);
        }
        log.info("{}: {}", what, first.describe());
        return new TlsFiles(what, files, reader, first, stamps);
    }

    /** The context for a new connection; any thread. */
    public SslContext context() {
        return current.context();
    }

    /** The certificate shown, or null for a client showing none; any thread. */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /** One look at the files' times and sizes; reads them again when they changed and have since stood still. */
    public Check checkForChanges() {
        List<Stamp> now = stamps(files);
        if (now.equals(read)) {
            changing = null;
            return Check.UNCHANGED;
        }
        if (!now.equals(changing)) {
            changing = now; // still being written, perhaps: read them at the next check if they stay so
            return Check.UNCHANGED;
        }
        changing = null;
        read = now;
        try {
            Loaded next = reader.read();
            current = next;
            log.info("{}: TLS files changed, new connections now get {}", what, next.describe());
            return Check.RELOADED;
        } catch (Exception e) {
            log.error("{}: TLS files changed but cannot be used, new connections keep getting {}: {}", what,
                    current.describe(), e.getMessage());
            return Check.FAILED;
        }
    }

    private static List<Stamp> stamps(List<Path> files) {
        List<Stamp> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                out.add(new Stamp(f, Files.getLastModifiedTime(f), Files.size(f)));
            } catch (IOException e) {
                out.add(new Stamp(f, null, -1)); // gone for now; a file that comes back is a change
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return what;
    }
}
