package io.dmicro.drpc.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.status.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one error policy of {@link Hooks}, per hook kind. */
class HooksTest {

    /** A hook point for the test: each plugin answers what it was built with, or throws. */
    interface Probe extends Plugin {
        Status probe(List<String> heard);
    }

    private static Probe plugin(String name, Status answer, boolean throwing) {
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status probe(List<String> heard) {
                heard.add(name);
                if (throwing) {
                    throw new IllegalStateException(name + " broke");
                }
                return answer;
            }
        };
    }

    private static final Status REFUSED = Status.of(1234, "refused");

    @Test
    void checkStopsAtTheFirstRefusal() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", Status.OK, false), plugin("b", REFUSED, false),
                plugin("c", Status.OK, false));
        List<String> heard = new ArrayList<>();

        assertThat(Hooks.check(c, Probe.class, p -> p.probe(heard))).isEqualTo(REFUSED);
        assertThat(heard).containsExactly("a", "b");
    }

    @Test
    void checkTurnsAThrowIntoA500NamingThePluginAndStops() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", Status.OK, true), plugin("b", Status.OK, false));
        List<String> heard = new ArrayList<>();

        Status s = Hooks.check(c, Probe.class, p -> p.probe(heard));
        assertThat(s.code()).isEqualTo(Status.INTERNAL_SERVER_ERROR);
        assertThat(s.cause()).contains("Probe of plugin a threw").contains("a broke");
        assertThat(heard).containsExactly("a");
    }

    @Test
    void checkWithEveryPluginContentIsOk() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", Status.OK, false), plugin("b", Status.OK, false));
        assertThat(Hooks.check(c, Probe.class, p -> p.probe(new ArrayList<>()))).isEqualTo(Status.OK);
    }

    @Test
    void noticeRunsEveryPluginWhateverTheOthersDid() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", REFUSED, false), plugin("b", Status.OK, true),
                plugin("c", Status.OK, false));
        List<String> heard = new ArrayList<>();

        Hooks.notice(c, Probe.class, p -> p.probe(heard));
        assertThat(heard).containsExactly("a", "b", "c");
    }

    @Test
    void announceRunsEveryPluginPastAThrow() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", Status.OK, true), plugin("b", Status.OK, false));
        List<String> heard = new ArrayList<>();

        Hooks.announce(c, Probe.class, p -> p.probe(heard));
        assertThat(heard).containsExactly("a", "b");
    }

    @Test
    void setUpLetsTheFirstThrowReachTheCaller() {
        PluginContainer c = new PluginContainer().appendRight(plugin("a", Status.OK, false), plugin("b", Status.OK, true),
                plugin("c", Status.OK, false));
        List<String> heard = new ArrayList<>();

        assertThatThrownBy(() -> Hooks.setUp(c, Probe.class, p -> p.probe(heard)))
                .isInstanceOf(IllegalStateException.class).hasMessage("b broke");
        assertThat(heard).containsExactly("a", "b");
    }
}
