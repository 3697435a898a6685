package dev.lakejwt.core.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event a token source reports, in order. */
final class RecordingListener implements TokenRefreshListener {
    final List<Refreshed> refreshed = new CopyOnWriteArrayList<>();
    final List<RefreshFailed> failed = new CopyOnWriteArrayList<>();

    @Override
    public void onRefreshed(Refreshed event) {
        refreshed.add(event);
    }

    @Override
    public void onRefreshFailed(RefreshFailed event) {
        failed.add(event);
    }

    RefreshFailed lastFailure() {
        return failed.get(failed.size() - 1);
    }
}
