package io.edgegw.deploy;

import com.cloudhopper.smpp.ssl.SslConfiguration;
import io.edgegw.sipstack.transport.TestPki;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.security.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The SMPP TLS tests' side of TLS: {@link TestPki}'s PEM files turned into the PKCS#12 stores Cloudhopper's
 * {@link SslConfiguration} reads, and a plain JDK TLS client to see which certificate a listener shows.
 */
final class SmppTls {
    static final String PASSWORD = "changeit";

    private SmppTls() {
    }

    /**
     * Cloudhopper's TLS settings: trusting {@code ca}'s certificates, showing {@code identity}'s (null: none). Its
     * client does not check the server's name, only its chain.
     */
    static SslConfiguration cloudhopper(TestPki pki, String ca, String identity) throws Exception {
        SslConfiguration ssl = new SslConfiguration();
        // Cloudhopper 5 runs on Netty 3, whose SslHandler trips over TLS 1.3's post-handshake messages (an assert);
        // TLS 1.2, which the gateway offers as well, is what such peers speak
        ssl.setIncludeProtocols("TLSv1.2");
        ssl.setTrustStorePath(trustStore(pki, ca).toString());
        ssl.setTrustStorePassword(PASSWORD);
        ssl.setTrustStoreType("PKCS12");
        // Cloudhopper insists on a key store; one holding no key makes a client that shows no certificate
        ssl.setKeyStorePath((identity == null ? trustStore(pki, ca) : keyStore(pki, identity)).toString());
        ssl.setKeyStorePassword(PASSWORD);
        ssl.setKeyManagerPassword(PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }

    static Path keyStore(TestPki pki, String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, privateKey(pki.key(name)), PASSWORD.toCharArray(),
                new X509Certificate[] {certificate(pki.pem(name))});
        return save(store, pki.dir.resolve(name + "-key.p12"));
    }

    static Path trustStore(TestPki pki, String ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(ca, certificate(pki.pem(ca)));
        return save(store, pki.dir.resolve(ca + "-trust.p12"));
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate a TLS listener on {@code port} shows a client that trusts {@code ca} (and shows none). */
    static X509Certificate shownBy(int port, TestPki pki, String ca) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(pki, ca), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /**
     * Over a JDK TLS client trusting {@code ca} and showing {@code identity}'s certificate whatever CAs the server
     * names (a JDK or Cloudhopper client would withhold one the server's CA list does not cover), sends {@code pdu}
     * and returns the command_id of the first PDU the listener answers, or -1 when the connection ends without one.
     */
    static int firstAnswer(int port, TestPki pki, String ca, String identity, byte[] pdu) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore(pki, identity))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        X509ExtendedKeyManager chosen = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] types, Principal[] issuers, SSLEngine engine) {
                return identity;
            }

            @Override
            public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
                return identity;
            }

            @Override
            public String[] getClientAliases(String type, Principal[] issuers) {
                return new String[] {identity};
            }

            @Override
            public String[] getServerAliases(String type, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return chosen.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return chosen.getPrivateKey(alias);
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, trustManagers(pki, ca), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(pdu);
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readInt();
            return in.readInt();
        } catch (EOFException | SSLException | SocketException e) {
            return -1; // refused: a TLS alert, or the connection closed
        }
    }

    private static TrustManager[] trustManagers(TestPki pki, String ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore(pki, ca))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static Path save(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
