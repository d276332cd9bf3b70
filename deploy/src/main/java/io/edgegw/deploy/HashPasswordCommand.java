package io.edgegw.deploy;

import io.edgegw.core.tenant.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code edge hash-password}: a salted hash for a tenant's SMPP {@code password}, so the config file holds none.
 * The password is read from the terminal without echo, or from the first line of standard input, never from
 * the command line (where {@code ps} and shell history would show it).
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print a salted PBKDF2 hash of an SMPP password (read from the terminal or stdin) for a "
                + "tenant's 'password' field.")
final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default ${DEFAULT-VALUE}; each bind check of a new password costs these)")
    int iterations;

    @Override
    public Integer call() throws Exception {
        String password;
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("SMPP password: ");
            password = typed == null ? null : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1)).readLine();
        }
        if (password == null || password.isEmpty() || password.length() > 8) {
            System.err.println("edge: an SMPP password is 1-8 characters (SMPP 3.4)");
            return 2;
        }
        if (iterations < 1_000 || iterations > 10_000_000) {
            System.err.println("edge: --iterations must be 1000-10000000");
            return 2;
        }
        System.out.println(PasswordHash.create(password, iterations));
        return 0;
    }
}
