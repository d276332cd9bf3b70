package io.edgegw.deploy.scenario;

import java.util.List;

/** What a stop-and-restart scenario (crash, sigterm) reports: its verdict, its detail lines and its result. */
interface RestartReport {
    boolean passed();

    List<String> details();

    ScenarioResult toResult();
}
