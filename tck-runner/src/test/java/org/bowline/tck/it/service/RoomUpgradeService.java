package org.bowline.tck.it.service;

import java.util.List;
import java.util.Map;
import org.bowline.adapter.service.AcceptedUpgrade;
import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Service;
import org.bowline.adapter.service.UpgradeError;
import org.bowline.adapter.service.UpgradeRequest;
import org.bowline.adapter.service.UpgradeService;

/** Upgrades requests carrying {@code X-Token: open}; its service greets with the room and prefixes replies with it. */
public class RoomUpgradeService implements UpgradeService {

    @Override
    public Service get(UpgradeRequest request) {
        if (!"open".equals(request.header("X-Token"))) {
            throw new UpgradeError(403, "This room needs a token", Map.of("X-Refused-By", List.of("rooms")));
        }
        String room = request.pathParam("room");
        return AcceptedUpgrade.of(new Service() {
            @Override
            public void onOpen(Caller caller) {
                caller.writeTextMessage("welcome to " + room);
            }

            @Override
            public Object onTextMessage(Caller caller, String text) {
                return room + ": " + text;
            }
        }).withHeader("X-Room", room);
    }
}
