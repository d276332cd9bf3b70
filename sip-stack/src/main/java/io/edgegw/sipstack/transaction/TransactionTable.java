package io.edgegw.sipstack.transaction;

import java.util.HashMap;
import java.util.Map;

/**
 * One worker's transactions, found by key in O(1) (a stray response or a CANCEL never walks the table). Touched
 * only by its worker, so plain maps; the counts are mirrored in volatile fields for cheap reads from elsewhere.
 */
final class TransactionTable<M> {
    private final Map<TransactionKey, ServerTransaction<M>> servers = new HashMap<>();
    private final Map<TransactionKey, ClientTransaction<M>> clients = new HashMap<>();
    private final int maxServers;
    private final int maxClients;
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

    boolean serversFull() {
        return servers.size() >= maxServers;
    }

    boolean clientsFull() {
        return clients.size() >= maxClients;
    }

    void add(ServerTransaction<M> tx) {
        servers.put(tx.key, tx);
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
            servers.remove(s.key, s);
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
