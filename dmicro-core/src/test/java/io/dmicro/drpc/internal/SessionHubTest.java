package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's rules for ids (README, "Session ids"): ids are labels, not keys; two sessions showing
 * one id both stay in, a lookup finds the newest to take it, and count and lookups agree.
 */
class SessionHubTest {

    private final TestEngine engines = new TestEngine();
    private final SessionHub hub = new SessionHub();

    @AfterEach
    void close() {
        engines.close();
    }

    private DefaultSession session(String id) {
        DefaultSession s = engines.accepted(new EmbeddedChannel());
        s.applyId(id);
        return s;
    }

    @Test
    void twoSessionsShowingOneIdAreBothInAndTheNewestIsFound() {
        DefaultSession older = session("127.0.0.1:5000");
        DefaultSession newer = session("127.0.0.1:5000");
        hub.add(older);
        hub.add(newer);

        assertThat(hub.size()).isEqualTo(2);
        assertThat(hub.all()).containsExactlyInAnyOrder(older, newer);
        assertThat(hub.get("127.0.0.1:5000")).isSameAs(newer);
        assertThat(hub.withId("127.0.0.1:5000")).containsExactly(older, newer);
    }

    @Test
    void removingTheNewestFindsTheOlderAgain() {
        DefaultSession older = session("x");
        DefaultSession newer = session("x");
        hub.add(older);
        hub.add(newer);
        hub.remove(newer);

        assertThat(hub.get("x")).isSameAs(older);
        assertThat(hub.size()).isEqualTo(1);
        hub.remove(older);
        assertThat(hub.get("x")).isNull();
        assertThat(hub.withId("x")).isEmpty();
        assertThat(hub.size()).isZero();
    }

    @Test
    void renamingOntoATakenIdKeepsBothAndTheRenamedOneIsFound() {
        DefaultSession holder = session("user-42");
        DefaultSession other = session("other");
        hub.add(holder);
        hub.add(other);

        hub.rename(other, "user-42");

        assertThat(other.id()).isEqualTo("user-42");
        assertThat(hub.size()).isEqualTo(2);
        assertThat(hub.get("user-42")).isSameAs(other);
        assertThat(hub.withId("user-42")).containsExactly(holder, other);
        assertThat(hub.get("other")).isNull();
        assertThat(holder.state().isClosed()).isFalse();
    }

    @Test
    void renamingBackMovesASessionToTheEndOfItsIdsList() {
        DefaultSession a = session("x");
        DefaultSession b = session("x");
        hub.add(a);
        hub.add(b);
        hub.rename(a, "y");
        hub.rename(a, "x");
        assertThat(hub.get("x")).isSameAs(a);
        assertThat(hub.withId("x")).containsExactly(b, a);
        assertThat(hub.get("y")).isNull();
    }

    @Test
    void addingOrRemovingTwiceChangesNothingMore() {
        DefaultSession s = session("x");
        hub.add(s);
        hub.add(s);
        assertThat(hub.size()).isEqualTo(1);
        assertThat(hub.withId("x")).containsExactly(s);
        hub.remove(s);
        hub.remove(s);
        assertThat(hub.size()).isZero();
        assertThat(hub.get("x")).isNull();
    }

    @Test
    void renamingASessionNotInTheHubOnlyChangesItsId() {
        DefaultSession s = session("x");
        hub.rename(s, "y");
        assertThat(s.id()).isEqualTo("y");
        assertThat(hub.get("y")).isNull();
        assertThat(hub.size()).isZero();
        hub.add(s);
        assertThat(hub.get("y")).isSameAs(s);
    }

    @Test
    void aRemovedSessionIsUnindexedUnderTheIdItShowsNow() {
        DefaultSession s = session("x");
        hub.add(s);
        hub.rename(s, "y");
        hub.remove(s);
        assertThat(hub.get("x")).isNull();
        assertThat(hub.get("y")).isNull();
        assertThat(hub.size()).isZero();
    }
}
