package io.edgegw.sip.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a route's trunks a new call tries, in route order: the UP ones; when none is UP, the INACTIVE ones as a
 * last resort (a trunk with bad figures may still complete the call, a 503 never does); DOWN ones never (they do
 * not even answer OPTIONS). Empty when every trunk is DOWN: the call is answered 503.
 */
final class TrunkChoice {
    private TrunkChoice() {
    }

    static List<Trunk> usable(List<Trunk> routeOrder, long now) {
        List<Trunk> up = new ArrayList<>(routeOrder.size());
        List<Trunk> inactive = new ArrayList<>(0);
        for (Trunk t : routeOrder) {
            switch (t.health().state(now)) {
                case UP -> up.add(t);
                case INACTIVE -> inactive.add(t);
                case DOWN -> {
                }
            }
        }
        return List.copyOf(up.isEmpty() ? inactive : up);
    }
}
