package io.edgegw.core.tenant;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * A salted SMPP password hash, {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in unpadded base64).
 * PBKDF2 because SMPP passwords are at most 8 characters: a fast hash of so small a space falls to an offline search
 * in hours, so each guess must cost. A check costs milliseconds, so the gateway never runs one on an event loop.
 */
public final class PasswordHash {
    public static final String PREFIX = "pbkdf2-sha256:";
    /** About 0.5 s per check on the 2-core test machine under load, 0.1-0.2 s idle. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    private static final int MIN_ITERATIONS = 1_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Key derivations run, for tests that check a refusal costs what a wrong password costs (no timings). */
    private static final LongAdder DERIVATIONS = new LongAdder();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Whether a configured password is written as a hash rather than in clear. */
    public static boolean looksHashed(String configured) {
        return configured != null && configured.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static PasswordHash parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4 || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a hashed password reads " + PREFIX + "ITERATIONS:SALT:HASH "
                    + "(make one with './edge hash-password')");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hash iterations must be a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("hash iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hash salt and hash must be base64: " + e.getMessage());
        }
        if (salt.length < 8 || hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("hash salt must be at least 8 bytes and the hash 32 bytes");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** A new hash of {@code password} with a fresh random salt, as {@code ./edge hash-password} prints it. */
    public static String create(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * A hash of the same cost that no password matches (random salt and hash): checked in place of a real one when there
     * is none to check (an unknown system_id), so that answer takes as long as a wrong password's.
     */
    public PasswordHash decoy() {
        byte[] decoySalt = new byte[SALT_BYTES];
        byte[] decoyHash = new byte[HASH_BITS / 8];
        RANDOM.nextBytes(decoySalt);
        RANDOM.nextBytes(decoyHash);
        return new PasswordHash(iterations, decoySalt, decoyHash);
    }

    int iterations() {
        return iterations;
    }

    static long derivations() {
        return DERIVATIONS.sum();
    }

    /** Costs {@code iterations} HMACs: call off any event loop. Constant time in the comparison. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password == null ? "" : password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        DERIVATIONS.increment();
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            // SMPP passwords are octets; ISO-8859-1 keeps each one a char, as the bind decoder gives them
            char[] chars = new String(password.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                    .toCharArray();
            return f.generateSecret(new PBEKeySpec(chars, salt, iterations, HASH_BITS)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
