package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;

import org.bowline.container.session.SessionState.Phase;
import org.bowline.container.session.SessionState.Reply;
import org.junit.jupiter.api.Test;

/** Every transition of the session's lifecycle, legal and not, and racing ones. */
class SessionStateTest {

    private static final CloseReason NORMAL = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye");

    private final SessionState state = new SessionState();

    @Test
    void aNewSessionIsOpenBothWays() {
        assertEquals(Phase.OPEN, state.phase());
        assertTrue(state.inputOpen());
        assertNull(state.outputShutReason());
        assertTrue(state.isOpen());
        assertTrue(state.conversing());
    }

    @Test
    void ourCloseThenThePeersEndsTheHandshake() {
        assertTrue(state.closeSent(NORMAL));
        assertEquals(Phase.CLOSE_SENT, state.phase());
        assertTrue(state.awaitingPeerClose());
        assertFalse(state.conversing());
        assertTrue(state.inputOpen(), "the peer's close is still to be read");
        assertFalse(state.closeSent(NORMAL), "a second close sends nothing");
        state.peerClosed(1000, "ok");
        assertEquals(Phase.CLOSE_SENT, state.phase(), "answered only once the messages before it are delivered");
        assertFalse(state.inputOpen());
        assertEquals(Reply.ANSWERED, state.closeReceived());
        assertEquals(Phase.CLOSED, state.phase());
        assertFalse(state.awaitingPeerClose());
        assertEquals(NORMAL, state.localReason());
        assertEquals(Reply.NONE, state.closeReceived(), "the close timeout's late step does nothing");
    }

    @Test
    void thePeersCloseIsAnsweredAfterTheMessagesBeforeIt() {
        state.peerClosed(1001, "away");
        assertEquals(Phase.CLOSE_RECEIVED, state.phase());
        assertFalse(state.inputOpen());
        assertNull(state.outputShutReason(), "replies to earlier messages may still go out");
        assertTrue(state.conversing());
        assertEquals(1001, state.peerClose().getCloseCode().getCode());
        assertEquals(Reply.REPLY, state.closeReceived());
        assertEquals(Phase.CLOSED, state.phase());
        assertEquals(Reply.NONE, state.closeReceived());
        assertFalse(state.closeSent(NORMAL), "no close after the handshake");
    }

    @Test
    void aCloseOfOurOwnWhileThePeersWaitsIsTheReply() {
        state.peerClosed(1000, "");
        assertTrue(state.closeSent(NORMAL));
        assertEquals(Reply.ANSWERED, state.closeReceived());
        assertEquals(NORMAL, state.localReason());
    }

    @Test
    void aFailureShutsInputAtOnceAndSendsACloseUnlessOursWentOut() {
        state.failing(1002, "bad frame");
        assertFalse(state.inputOpen());
        assertEquals(Phase.OPEN, state.phase(), "the close frame waits behind the messages before the bad frame");
        assertEquals(Boolean.TRUE, state.failNow());
        assertEquals(Phase.CLOSED, state.phase());
        assertNull(state.failNow(), "only the first step acts");

        SessionState closing = new SessionState();
        assertTrue(closing.closeSent(NORMAL));
        closing.failing(1009, "too big");
        assertEquals(Boolean.FALSE, closing.failNow(), "our close frame went out already");
    }

    @Test
    void theTransportEndingClosesEverythingAndSaysWhetherThatWasAbnormal() {
        assertTrue(state.transportClosed());
        assertEquals(Phase.CLOSED, state.phase());
        assertFalse(state.inputOpen());
        assertFalse(state.conversing());
        assertFalse(state.transportClosed(), "once");

        SessionState done = new SessionState();
        done.closeSent(NORMAL);
        done.closeReceived();
        assertFalse(done.transportClosed(), "after the handshake, TCP closing is normal");
    }

    @Test
    void whatOnCloseSaysWhenTheTransportEndedFirst() {
        assertEquals(1006, state.reasonWhenTransportEnded(null).getCloseCode().getCode());
        assertEquals("Connection closed without a close frame", state.reasonWhenTransportEnded(null).getReasonPhrase());
        assertEquals("Connection failed: reset", state.reasonWhenTransportEnded("reset").getReasonPhrase());

        SessionState ours = new SessionState();
        ours.closeSent(NORMAL);
        assertEquals("No close frame from the peer in reply to ours", ours.reasonWhenTransportEnded(null).getReasonPhrase());
        ours.peerClosed(1000, "");
        assertEquals(NORMAL, ours.reasonWhenTransportEnded(null), "both close frames crossed");

        SessionState theirs = new SessionState();
        theirs.peerClosed(4000, "app");
        assertEquals(4000, theirs.reasonWhenTransportEnded(null).getCloseCode().getCode());

        SessionState failed = new SessionState();
        failed.failing(1007, "bad UTF-8");
        assertEquals(1007, failed.reasonWhenTransportEnded(null).getCloseCode().getCode());
    }

    @Test
    void outputShutsWithTheLatestReason() {
        state.shutOutput("close() was called");
        assertEquals("close() was called", state.outputShutReason());
        state.shutOutput("the connection was closed");
        assertEquals("the connection was closed", state.outputShutReason());
        assertTrue(state.inputOpen(), "output and input shut apart");
    }

    @Test
    void onCloseIsClaimedOnceAndIsOpenTurnsFalseWhenItIsUnderWay() {
        assertTrue(state.claimOnClose());
        assertFalse(state.claimOnClose());
        assertTrue(state.isOpen(), "until onClose is under way");
        state.endpointClosed();
        assertFalse(state.isOpen());
    }

    /** Threads racing to close, answer and fail: exactly one close frame is owed, whoever wins. */
    @Test
    void racingTransitionsActExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 500; round++) {
                SessionState s = new SessionState();
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<Integer>> racers = new ArrayList<>();
                racers.add(() -> { go.await(); return s.closeSent(NORMAL) ? 1 : 0; });
                racers.add(() -> { go.await(); return s.closeSent(NORMAL) ? 1 : 0; });
                racers.add(() -> { go.await(); s.peerClosed(1000, ""); return s.closeReceived() == Reply.REPLY ? 1 : 0; });
                racers.add(() -> { go.await(); s.failing(1002, "x"); return Boolean.TRUE.equals(s.failNow()) ? 1 : 0; });
                racers.add(() -> { go.await(); return s.claimOnClose() ? 100 : 0; });
                racers.add(() -> { go.await(); return s.claimOnClose() ? 100 : 0; });
                List<Future<Integer>> results = new ArrayList<>();
                for (Callable<Integer> r : racers) {
                    results.add(pool.submit(r));
                }
                go.countDown();
                int sum = 0;
                for (Future<Integer> f : results) {
                    sum += f.get(10, TimeUnit.SECONDS);
                }
                assertEquals(101, sum, "round " + round + ": one close frame owed and one onClose claimed");
                assertEquals(Phase.CLOSED, s.phase(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
