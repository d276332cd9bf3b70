package io.edgegw.sipstack.transaction;

import java.util.HashMap;
import java.util.Map;

/**
 * One worker's transactions, found by key in O(1) (a stray response or a CANCEL never walks the table). Touched
 * only by its worker, so plain maps; the counts are mirrored in volatile fields for cheap reads from elsewhere.
 * INVITE and non-INVITE server transactions are bounded apart, each by {@code maxServers}: a flood of INVITEs at the
 * cap must not refuse the BYEs that end the calls in progress (their places would be held until the longest call
 * duration), and a flood of junk non-INVITEs must not refuse new calls.
 */
final class TransactionTable<M> {
    private final Map<TransactionKey, ServerTransaction<M>> servers = new HashMap<>();
    private final Map<TransactionKey, ClientTransaction<M>> clients = new HashMap<>();
    private final int maxServers;
    private final int maxClients;
    private int inviteServers;
    private volatile int serverCount;
    private volatile int clientCount;

    TransactionTable(int maxServers, int maxClients) {
        this.maxServers = maxServers;
        this.maxClients = maxClients;
    }

    ServerTransaction<M> server(TransactionKey key) {
        return servers.get(key);
    }

    ClientTransaction<M> client(TransactionKey key) {
        return clients.get(key);
    }

    /** Whether a new server transaction of this kind would pass its cap. */
    boolean serversFull(boolean invite) {
        return (invite ? inviteServers : servers.size() - inviteServers) >= maxServers;
    }

    boolean clientsFull() {
        return clients.size() >= maxClients;
    }

    void add(ServerTransaction<M> tx) {
        ServerTransaction<M> replaced = servers.put(tx.key, tx);
        if (replaced instanceof InviteServerTransaction<M>) {
            inviteServers--;
        }
        if (tx instanceof InviteServerTransaction<M>) {
            inviteServers++;
        }
        serverCount = servers.size();
    }

    /** False when a transaction with the same key is already here (a branch reused by the TU). */
    boolean add(ClientTransaction<M> tx) {
        if (clients.putIfAbsent(tx.key, tx) != null) {
            return false;
        }
        clientCount = clients.size();
        return true;
    }

    void remove(Transaction<M> tx) {
        if (tx instanceof ServerTransaction<M> s) {
            if (servers.remove(s.key, s) && s instanceof InviteServerTransaction<M>) {
                inviteServers--;
            }
            serverCount = servers.size();
        } else if (tx instanceof ClientTransaction<M> c) {
            clients.remove(c.key, c);
            clientCount = clients.size();
        }
    }

    int serverCount() {
        return serverCount;
    }

    int clientCount() {
        return clientCount;
    }
}
